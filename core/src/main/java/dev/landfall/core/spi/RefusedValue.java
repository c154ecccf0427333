package dev.landfall.core.spi;

import dev.landfall.core.model.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * A value a source could not carry, by key.
 *
 * @param scope where it lives
 * @param key its key
 * @param reason a short machine-readable reason ({@code cycle}, {@code function}, …)
 * @param path where inside the value the problem is, if known
 * @param description the reason for people
 */
public record RefusedValue(Scope scope, String key, String reason, Optional<String> path, String description) {
    public RefusedValue {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(description, "description");
    }
}
