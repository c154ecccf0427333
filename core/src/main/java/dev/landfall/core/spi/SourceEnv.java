package dev.landfall.core.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a source is opened with besides its URI: the environment (wrangler's variable names, the
 * export Worker's), the clock, the source options the operator gave, and where the source says
 * what the operator must hear while it happens. Built once by the caller; providers never read
 * {@code System.getenv}.
 *
 * @param variables environment variables, by name
 * @param clock the clock
 * @param options the source options ({@code --kv}, {@code --do}, {@code --via}, …)
 * @param notes one line each, from any thread, for the operator now (a Cloudflare source: {@code
 *     waiting 183 s for the API budget (…)}); the command prints them on stderr, so they are not
 *     kept with a run's options
 */
public record SourceEnv(Map<String, String> variables, Clock clock, SourceOptions options, Consumer<String> notes) {
    public SourceEnv {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(notes, "notes");
    }

    /** An environment whose notes go nowhere. */
    public SourceEnv(Map<String, String> variables, Clock clock, SourceOptions options) {
        this(variables, clock, options, note -> {});
    }

    /** An environment with no variables and default options: enough for local sources. */
    public static SourceEnv local(Clock clock) {
        return new SourceEnv(Map.of(), clock, SourceOptions.DEFAULTS);
    }

    /** A variable's value, absent when unset or blank. */
    public Optional<String> variable(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The same environment with other options (and the same notes). */
    public SourceEnv withOptions(SourceOptions other) {
        return new SourceEnv(variables, clock, other, notes);
    }

    /** The same environment with its notes going to {@code other}. */
    public SourceEnv withNotes(Consumer<String> other) {
        return new SourceEnv(variables, clock, options, other);
    }
}
