package dev.landfall.infra.cutover;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the live-migration follower's {@code /statusz} said at one check: how far behind it is
 * and its most recent error. Empty where the page writes {@code null} (not measured yet).
 *
 * @param lagChanges changes captured but not applied yet
 * @param lag the age of the oldest change not applied yet
 * @param lastError the follower's most recent error, retried or not
 */
public record FollowerReading(OptionalLong lagChanges, Optional<Duration> lag, Optional<LastError> lastError) {
    public FollowerReading {
        Objects.requireNonNull(lagChanges, "lagChanges");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * An error as the page shows it; two are the same error when both fields are equal.
     *
     * @param message the follower's one-line message, as sent (not yet escaped for a terminal)
     * @param at when it happened, as the page writes it (ISO-8601, whole seconds, the follower's clock)
     */
    public record LastError(String message, String at) {
        public LastError {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
        }
    }
}
