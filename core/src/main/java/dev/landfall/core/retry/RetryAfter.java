package dev.landfall.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cause that carries how long the server asked the client to wait ({@code Retry-After}). An
 * adapter puts it in the cause chain of a {@code TRANSIENT} {@link
 * dev.landfall.core.error.LandfallException}; {@link RetryPolicy} waits at least this long before
 * the next attempt. It has no stack trace: it is data, not a failure site.
 */
public final class RetryAfter extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Duration delay;

    /**
     * @param delay how long to wait, not negative
     */
    public RetryAfter(Duration delay) {
        super(
                "the server asked to retry after "
                        + Objects.requireNonNull(delay, "delay").toMillis() + " ms",
                null,
                false,
                false);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.delay = delay;
    }

    /** How long the server asked to wait. */
    public Duration delay() {
        return delay;
    }

    /** The longest {@code RetryAfter} in the cause chain of {@code t}, if any. */
    public static Optional<Duration> in(Throwable t) {
        Duration longest = null;
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof RetryAfter r && (longest == null || r.delay.compareTo(longest) > 0)) {
                longest = r.delay;
            }
        }
        return Optional.ofNullable(longest);
    }
}
