package dev.landfall.verify.latency.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One endpoint's measured latencies, errors and statuses. Senders record concurrently and
 * wait-free (HdrHistogram {@link Recorder}); {@link #total()} folds what was recorded so far into
 * the running total, so a progress display and the final summary read the same histogram.
 * Latencies are kept in microseconds with 3 significant digits (0.1% resolution) up to an hour.
 */
public final class LatencyRecorder {
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);
    private Histogram interval;
    private final LongAdder requests = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    /** A measured request became due. */
    public void due() {
        requests.increment();
    }

    /** A measured request was never sent: the run was cancelled first. */
    public void unsent() {
        requests.decrement();
    }

    /** One side of any pair (warm-up too) finished: for live request rates. */
    public void finished() {
        completed.increment();
    }

    /** One measured outcome. */
    public void record(Outcome o, long nowNanos) {
        if (o.isError()) {
            errors.increment();
        }
        if (o.answer() == null) {
            return;
        }
        responses.increment();
        statuses.computeIfAbsent(o.answer().status(), s -> new LongAdder()).increment();
        recorder.recordValue(micros(o.latencyNanos()));
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
    }

    /** A latency as the histogram records it: rounded to whole microseconds, within its range. */
    public static long micros(long latencyNanos) {
        return Math.max(1, Math.min(HIGHEST_MICROS, (latencyNanos + 500) / 1000));
    }

    /** The measured histogram so far (a copy). */
    public synchronized Histogram total() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    public long requests() {
        return requests.sum();
    }

    public long responses() {
        return responses.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Sides finished, warm-up included. */
    public long completed() {
        return completed.sum();
    }

    /** When the last measured answer came, as {@link System#nanoTime()}; {@code Long.MIN_VALUE} before any. */
    public long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    /** Answers per status. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
