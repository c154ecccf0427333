package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.RequestCorpus;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Sends request pairs on a {@link Schedule}: after the warm-up's ramp, pair {@code i} is due at a
 * constant rate, whatever the endpoints do (an open loop, not a closed one that waits for answers). When this
 * thread wakes late it sends every pair already due at once, keeping their original due times, so
 * its own hiccups count against latency instead of hiding (coordinated omission corrected). Each
 * pair goes to the two endpoints in a random order, so that being first is no advantage on
 * average.
 */
public final class OpenLoopScheduler {
    /** Longest single park, so a cancel is seen quickly even at very low rates. */
    private static final long MAX_PARK_NANOS = 20_000_000L;

    private final RequestCorpus corpus;
    private final Schedule schedule;
    private final RandomGenerator random;
    private final BooleanSupplier cancelled;

    public OpenLoopScheduler(
            RequestCorpus corpus, Schedule schedule, RandomGenerator random, BooleanSupplier cancelled) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.random = Objects.requireNonNull(random, "random");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /**
     * Runs on the calling thread until every pair is handed to the senders or the run is cancelled.
     *
     * @param onDue told of each pair as it becomes due, before it is sent (for counting)
     * @return how many pairs were handed on
     */
    public long run(long startNanos, Senders baseline, Senders candidate, java.util.function.Consumer<PairSlot> onDue)
            throws IOException {
        long i = 0;
        for (; i < schedule.totalPairs(); i++) {
            long due = startNanos + schedule.dueOffsetNanos(i);
            if (!waitUntil(due)) {
                break;
            }
            PairSlot slot = new PairSlot(i, corpus.next(), due, i >= schedule.warmupPairs());
            onDue.accept(slot);
            if (random.nextBoolean()) {
                baseline.submit(slot);
                candidate.submit(slot);
            } else {
                candidate.submit(slot);
                baseline.submit(slot);
            }
        }
        return i;
    }

    private boolean waitUntil(long due) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            long left = due - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, MAX_PARK_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
