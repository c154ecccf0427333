package dev.landfall.verify.latency.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Waits for one thread until a {@link System#nanoTime()} instant, on time to a few microseconds.
 * A timed park alone wakes 50 to 100 µs late on Linux (the kernel's timer slack, then the
 * wake-up), and that overshoot was the generator's lateness p50 (0.15 ms at 5,000 pairs/s; 0.00
 * ms with this waiter). So the waiter parks until a little before the instant and spins the rest;
 * how early it wakes is learned from its own last wake-ups (a running mean of the overshoot, plus a
 * margin), so the spin stays short (about the margin, 20 µs) however the machine's wake-up cost
 * varies, and the CPU it burns stays small next to the endpoints'. One instance per thread: it
 * keeps that thread's estimate.
 */
final class DueTimeWaiter {
    /** Never spin longer than this: past it a park is cheaper, even if it wakes late. */
    static final long MAX_SPIN_NANOS = 200_000L;

    /** Spin this much beyond the overshoot expected, for wake-ups a little later than the mean. */
    static final long SPIN_MARGIN_NANOS = 20_000L;

    /**
     * Longest single park of any load-generator thread (this waiter's and the {@link
     * OpenLoopScheduler}'s), so a cancel is seen quickly even at very low rates.
     */
    static final long MAX_PARK_NANOS = 20_000_000L;

    /** The overshoot estimate starts here: a typical Linux timed wake-up. */
    private static final long INITIAL_OVERSHOOT_NANOS = 60_000L;

    private final LongSupplier clock;
    private final LongConsumer parker;
    private final BooleanSupplier cancelled;
    private long overshootNanos = INITIAL_OVERSHOOT_NANOS;

    /** Waits on {@link System#nanoTime()} with {@link LockSupport#parkNanos(long)}. */
    DueTimeWaiter(BooleanSupplier cancelled) {
        this(System::nanoTime, LockSupport::parkNanos, cancelled);
    }

    DueTimeWaiter(LongSupplier clock, LongConsumer parker, BooleanSupplier cancelled) {
        this.clock = clock;
        this.parker = parker;
        this.cancelled = cancelled;
    }

    /**
     * Returns at {@code due} or just after it; at once when it has passed.
     *
     * @return false when the run was cancelled, or this thread interrupted, first
     */
    boolean awaitNanos(long due) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            long left = due - clock.getAsLong();
            if (left <= 0) {
                return true;
            }
            long spin = Math.min(MAX_SPIN_NANOS, overshootNanos + SPIN_MARGIN_NANOS);
            if (left <= spin) {
                while (clock.getAsLong() - due < 0) {
                    Thread.onSpinWait();
                }
                return true;
            }
            long park = Math.min(left - spin, MAX_PARK_NANOS);
            long before = clock.getAsLong();
            parker.accept(park);
            learn(clock.getAsLong() - before - park);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The overshoot expected of the next park, in nanoseconds. */
    long overshootNanos() {
        return overshootNanos;
    }

    private void learn(long overshoot) {
        // An eighth of each new wake-up: a burst of late wake-ups (a busy moment) moves the
        // estimate within a few sends, one outlier (a preemption) barely.
        long clamped = Math.max(0, Math.min(MAX_SPIN_NANOS, overshoot));
        overshootNanos += (clamped - overshootNanos) / 8;
    }
}
