package dev.landfall.serve;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests being answered, so a drain can wait until none is. Thread-safe.
 *
 * <p>Every request enters and exits, on every request thread at once: those are a lock-free
 * counter. Only a drain takes the monitor, and an exit takes it only while a drain waits.
 */
final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean awaited;

    /** Requests being answered now. */
    int count() {
        return count.get();
    }

    void enter() {
        count.incrementAndGet();
    }

    void exit() {
        // A drain checks the count under the monitor before it waits, so taking the monitor here
        // once the count is 0 cannot slip between its check and its wait: no wake-up is lost.
        if (count.decrementAndGet() == 0 && awaited) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no request is in flight or {@code max} has passed: true when none is. */
    synchronized boolean awaitIdle(Duration max) throws InterruptedException {
        awaited = true;
        long deadline = System.nanoTime() + max.toNanos();
        while (count.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
