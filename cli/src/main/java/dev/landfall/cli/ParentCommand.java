package dev.landfall.cli;

import dev.landfall.cli.option.VerbosityOptions;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code landfall}, {@code infra}, {@code verify},
 * {@code export-worker}): run alone, it shows its help on stderr, says what is missing and exits
 * 2, a usage error.
 */
public abstract class ParentCommand implements Callable<Integer> {
    private final String missing;

    @Spec
    CommandSpec spec;

    // Every command takes --verbose (a parent too, so it may stand anywhere on the line); the
    // ErrorReporter reads it from the parse result.
    @Mixin
    VerbosityOptions verbosity;

    /** @param missing what to say after the help, e.g. {@code say what to do: validate or generate} */
    protected ParentCommand(String missing) {
        this.missing = Objects.requireNonNull(missing, "missing");
    }

    @Override
    public final Integer call() {
        CommandLine cli = spec.commandLine();
        cli.usage(cli.getErr());
        cli.getErr().println();
        cli.getErr().println(spec.qualifiedName() + ": " + missing);
        return 2;
    }
}
