package dev.landfall.cli.option;

import dev.landfall.verify.latency.corpus.RequestCorpus;
import java.io.IOException;
import picocli.CommandLine.Mixin;

/**
 * What a dual run sends and how hard: the requests ({@link RequestCorpusOptions}) and the load
 * ({@link DualRunLoadOptions}), one group with one place in the help of every command that runs one
 * ({@code verify latency}, {@code cutover}).
 */
public final class DualRunTrafficOptions {
    @Mixin
    RequestCorpusOptions corpus;

    @Mixin
    DualRunLoadOptions load;

    /**
     * Refuses a missing or contradictory choice of requests before anything is sent.
     *
     * @param whatFor the hint when no requests are given: what they are for
     */
    public void check(String whatFor) {
        corpus.check(whatFor);
    }

    /** Opens the requests afresh; call {@link #check(String)} first. */
    public RequestCorpus open() throws IOException {
        return corpus.open();
    }

    /** Pairs per second: {@code --rate}, or the command's default when it is absent. */
    public double rate(double commandDefault) {
        return load.rate(commandDefault);
    }

    /** {@code --connections} per endpoint. */
    public int connections() {
        return load.connections();
    }
}
