package dev.landfall.verify.latency.load;

/**
 * When each request pair is due. During the warm-up the rate ramps linearly from a tenth of the
 * target to all of it, so the client's JIT, the connections and the endpoints' caches warm up
 * without the backlog a cold start at full rate builds (measured: a cold JVM at 5,000 pairs/s
 * queued for seconds, and the queue spilled into the measured window). After the warm-up, pair
 * {@code i} is due at a constant rate.
 */
public final class Schedule {
    private static final double RAMP_START = 0.1;

    private final double rate;
    private final long warmupNanos;
    private final long warmupPairs;
    private final long totalPairs;

    public Schedule(double rate, long warmupNanos, long durationNanos) {
        this.rate = rate;
        this.warmupNanos = warmupNanos;
        this.warmupPairs = (long) Math.floor(rate * warmupNanos / 1e9 * (1 + RAMP_START) / 2);
        this.totalPairs = warmupPairs + (long) Math.floor(rate * durationNanos / 1e9);
    }

    /** Pairs sent in all, warm-up included. */
    public long totalPairs() {
        return totalPairs;
    }

    /** Pairs sent in the warm-up: pair {@code i} is measured when {@code i >= warmupPairs()}. */
    public long warmupPairs() {
        return warmupPairs;
    }

    /** Nanoseconds from the start at which pair {@code i} is due. */
    public long dueOffsetNanos(long i) {
        if (i >= warmupPairs) {
            return warmupNanos + (long) ((i - warmupPairs) * (1e9 / rate));
        }
        // n(t) = rate * (a t + (1 - a) t^2 / (2 W)) pairs by time t; solved for n(t) = i.
        double w = warmupNanos / 1e9;
        double qa = (1 - RAMP_START) * rate / (2 * w);
        double qb = RAMP_START * rate;
        double t = (-qb + Math.sqrt(qb * qb + 4 * qa * i)) / (2 * qa);
        return (long) (t * 1e9);
    }

    /** How many pairs are due by {@code offsetNanos} from the start (due times never go back). */
    public long pairsDueBy(long offsetNanos) {
        long lo = 0;
        long hi = totalPairs;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (dueOffsetNanos(mid) <= offsetNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
