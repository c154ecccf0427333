package dev.landfall.cli.option;

import picocli.CommandLine.Option;

/** {@code --json}: a copying command's summary as one JSON document, and no progress. */
public final class JsonSummaryOptions {
    @Option(names = "--json", description = "Print one JSON summary on stdout and no progress.")
    boolean json;

    /** Whether {@code --json} was given. */
    public boolean given() {
        return json;
    }
}
