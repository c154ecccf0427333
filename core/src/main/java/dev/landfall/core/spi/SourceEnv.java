package dev.landfall.core.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source is opened with besides its URI: the environment (wrangler's variable names, the
 * export Worker's), the clock and the source options the operator gave. Built once by the caller;
 * providers never read {@code System.getenv}.
 *
 * @param variables environment variables, by name
 * @param clock the clock
 * @param options the source options ({@code --kv}, {@code --do}, {@code --via}, …)
 */
public record SourceEnv(Map<String, String> variables, Clock clock, SourceOptions options) {
    public SourceEnv {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
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

    /** The same environment with other options. */
    public SourceEnv withOptions(SourceOptions other) {
        return new SourceEnv(variables, clock, other);
    }
}
