package dev.landfall.cli;

import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world: its output streams and the environment. Commands
 * read the environment only through this, so tests can set it.
 *
 * @param out stdout, for results
 * @param err stderr, for progress, warnings and errors
 * @param env the environment variables
 * @param terminal whether a person watches the output (progress redraws in place)
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** A context for a run that no person watches (tests, scripts). */
    public CliContext(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, false);
    }

    /** The environment sources are opened with: this context's variables, the system clock, the options. */
    public SourceEnv sourceEnv(SourceOptions options) {
        return new SourceEnv(env, Clock.systemUTC(), options);
    }
}
