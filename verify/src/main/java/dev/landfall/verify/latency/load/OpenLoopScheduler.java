package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.RequestCorpus;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Creates the request pairs of a {@link Schedule} a little ahead of their due times and gives each
 * to both endpoints' {@link Senders}, which wait for the due time themselves. This thread is never
 * on the hot path: a pair is queued {@link #LEAD_NANOS} before it is due, so a free sender already
 * holds it and wakes on its own at the intended instant; no thread has to wake another one then
 * (that hand-off, and one shared timer, were most of the generator's tail at 5,000 pairs/s). It
 * wakes in batches, so its own cost does not grow with the rate. The corpus is read here, on one
 * thread, as {@link RequestCorpus} asks.
 */
public final class OpenLoopScheduler {
    /** How far ahead of its due time a pair is queued: larger than any likely hiccup of this thread. */
    static final long LEAD_NANOS = 100_000_000L;

    /** Shortest sleep between batches: keeps this thread to ~100 wake-ups a second at any rate. */
    private static final long MIN_PARK_NANOS = 10_000_000L;

    private final RequestCorpus corpus;
    private final Schedule schedule;
    private final BooleanSupplier cancelled;

    public OpenLoopScheduler(RequestCorpus corpus, Schedule schedule, BooleanSupplier cancelled) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /**
     * Runs on the calling thread until every pair is queued or the run is cancelled.
     *
     * @param onQueued told of each pair as it is queued (for counting)
     * @return how many pairs were queued
     */
    public long run(long startNanos, Senders baseline, Senders candidate, Consumer<PairSlot> onQueued)
            throws IOException {
        long i = 0;
        long total = schedule.totalPairs();
        while (i < total) {
            if (cancelled.getAsBoolean()) {
                return i;
            }
            long horizon = System.nanoTime() + LEAD_NANOS;
            long due;
            while (i < total && (due = startNanos + schedule.dueOffsetNanos(i)) <= horizon) {
                PairSlot slot = new PairSlot(
                        i, corpus.next(), due, i >= schedule.warmupPairs() ? PairSlot.MEASURED : PairSlot.WARMUP);
                onQueued.accept(slot);
                baseline.submit(slot);
                candidate.submit(slot);
                i++;
            }
            if (i < total) {
                long untilNext = startNanos + schedule.dueOffsetNanos(i) - LEAD_NANOS - System.nanoTime();
                LockSupport.parkNanos(Math.min(DueTimeWaiter.MAX_PARK_NANOS, Math.max(MIN_PARK_NANOS, untilNext)));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return i;
                }
            }
        }
        return i;
    }
}
