package dev.landfall.serve;

import java.time.Duration;

/** Counts requests being answered, so a drain can wait until none is. Thread-safe. */
final class InFlightRequests {
    private int count;

    /** Requests being answered now. */
    synchronized int count() {
        return count;
    }

    synchronized void enter() {
        count++;
    }

    synchronized void exit() {
        if (--count == 0) {
            notifyAll();
        }
    }

    /** Waits until no request is in flight or {@code max} has passed: true when none is. */
    synchronized boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
