package dev.landfall.core.config;

import java.util.Objects;

/**
 * A token, password or shared secret. {@link #toString()} is masked, so a secret that slips into
 * a log line, an error message or a report prints as {@code ****}. Unwrap it with {@link
 * #reveal()} only where it goes into a header or a driver property.
 */
public final class Secret {
    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @throws IllegalArgumentException if the value is empty or blank
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be blank");
        }
        return new Secret(value);
    }

    /** The secret itself. Call only where it goes into a header or a driver property. */
    public String reveal() {
        return value;
    }

    /** Removes every occurrence of this secret from {@code text}, for error bodies echoed back. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(value, MASK);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
