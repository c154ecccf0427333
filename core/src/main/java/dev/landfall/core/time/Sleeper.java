package dev.landfall.core.time;

import java.time.Duration;

/**
 * Waits. Injected wherever code must pause (backoff, rate limiting), so tests move a fake clock
 * instead of sleeping (STYLE.md §4).
 *
 * <p>Implementations are thread-safe. A zero or negative duration returns at once.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread with {@link Thread#sleep}; interruptible. */
    Sleeper SYSTEM = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
