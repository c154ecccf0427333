package dev.landfall.cli.option;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every command: shows cause chains and more detail on stderr. */
public final class VerbosityOptions {
    @Option(
            names = {"-v", "--verbose"},
            description = "Show the cause chain of errors and more detail on stderr.")
    boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }
}
