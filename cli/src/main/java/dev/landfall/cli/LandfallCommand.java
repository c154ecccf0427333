package dev.landfall.cli;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A command that runs with this invocation's {@link CliContext} (its stdout, stderr, environment
 * and whether a person watches): the {@link CommandFactory} hands it in right after construction,
 * so no command reaches for {@code System.out} or {@code System.getenv}, and none repeats a
 * constructor to receive it.
 */
public abstract class LandfallCommand implements Callable<Integer> {
    /** Set by the factory before picocli parses into the command; never null once it runs. */
    protected CliContext context;

    final void bind(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }
}
