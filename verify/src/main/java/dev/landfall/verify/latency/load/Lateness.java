package dev.landfall.verify.latency.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load generator's own error: how long after its intended send time each measured request
 * really went out (woken late by the OS, or every sender busy). Senders record concurrently and
 * wait-free; microseconds, 3 significant digits, 0 allowed (on time).
 */
public final class Lateness {
    private final Recorder recorder = new Recorder(1, LatencyRecorder.HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
    private Histogram interval;

    /** One measured request went out {@code lateNanos} after it was due. */
    public void record(long lateNanos) {
        recorder.recordValue(Math.max(0, Math.min(LatencyRecorder.HIGHEST_MICROS, (lateNanos + 500) / 1000)));
    }

    /** Everything recorded so far (a copy), in microseconds. */
    public synchronized Histogram total() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
