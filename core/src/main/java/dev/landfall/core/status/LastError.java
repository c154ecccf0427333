package dev.landfall.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The most recent error a long-running process met, and when. The message is shown on {@code
 * /statusz}; it should already be one without secrets, as every {@code LandfallException}'s is.
 *
 * @param message what went wrong, in one line
 * @param at when it happened
 */
public record LastError(String message, Instant at) {
    public LastError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
