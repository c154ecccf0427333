package dev.landfall.verify.latency.corpus;

import java.io.Closeable;
import java.io.IOException;

/**
 * The requests a dual run sends, as an endless stream: when the underlying corpus ends it starts
 * again from the top, so a short corpus can drive a long run. Memory stays bounded by one request
 * whatever the corpus size. Used from one thread (the scheduler).
 */
public interface RequestCorpus extends Closeable {
    /**
     * The next request.
     *
     * @throws IOException when the corpus cannot be read
     * @throws dev.landfall.core.error.LandfallException ({@code FAILED}) naming the file and line of
     *     a request that cannot be parsed, or ({@code USAGE}) when the corpus holds no request
     */
    CorpusRequest next() throws IOException;

    /** Where the requests come from, for reports: a file name or {@code bundle:DIR}. */
    String describe();
}
