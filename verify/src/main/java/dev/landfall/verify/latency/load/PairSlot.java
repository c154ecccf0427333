package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request in flight to both endpoints: where the two outcomes meet. The sender that completes
 * it second hands it on, so exactly one thread sees the finished pair.
 */
public final class PairSlot {
    /** Side 0. */
    public static final int BASELINE = 0;
    /** Side 1. */
    public static final int CANDIDATE = 1;
    /** Phase 0: sent and recorded like any other pair, then discarded. */
    public static final int WARMUP = 0;
    /** Phase 1: what the run reports. */
    public static final int MEASURED = 1;

    private final long index;
    private final CorpusRequest request;
    private final long intendedNanos;
    private final int phase;
    private final Outcome[] outcomes = new Outcome[2];
    private final AtomicInteger pending = new AtomicInteger(2);

    PairSlot(long index, CorpusRequest request, long intendedNanos, int phase) {
        this.index = index;
        this.request = request;
        this.intendedNanos = intendedNanos;
        this.phase = phase;
    }

    public long index() {
        return index;
    }

    public CorpusRequest request() {
        return request;
    }

    /** The {@link System#nanoTime()} at which the request was due. */
    public long intendedNanos() {
        return intendedNanos;
    }

    /** Whether the pair is past the warm-up. */
    public boolean measured() {
        return phase == MEASURED;
    }

    /**
     * {@link #WARMUP} or {@link #MEASURED}: an index into what each phase records to, so that the
     * code the senders run does not branch on the phase (see {@code DualRun}).
     */
    public int phase() {
        return phase;
    }

    public Outcome outcome(int side) {
        return outcomes[side];
    }

    /** Records one side; true for the caller that completed the pair. */
    boolean complete(int side, Outcome outcome) {
        outcomes[side] = outcome;
        // The atomic decrement publishes the other side's write to whoever completes the pair.
        return pending.decrementAndGet() == 0;
    }
}
