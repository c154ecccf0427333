package dev.landfall.verify.latency;

import dev.landfall.verify.latency.load.LatencyRecorder;
import java.time.Instant;
import java.util.Objects;

/**
 * One measured request pair, for a {@link SampleSink}.
 *
 * @param index the request's number in the run, from 0 (warm-up requests included in the count)
 * @param intendedSendTime when the request was due to be sent to both endpoints; latencies count
 *     from here
 * @param baseline what the baseline did
 * @param candidate what the candidate did
 * @param parity whether the answers matched
 */
public record PairedSample(
        long index, Instant intendedSendTime, EndpointSample baseline, EndpointSample candidate, Parity parity) {
    /** The parity of one pair. */
    public enum Parity {
        /** Same status and body, ignored and noisy paths aside. */
        MATCH,
        MISMATCH,
        /** At least one side failed without an answer. */
        NOT_COMPARED
    }

    /**
     * One side of a pair.
     *
     * @param status the HTTP status, or 0 when no answer came (see {@code error})
     * @param latencyNanos from the intended send time to the whole answer read (or the failure)
     * @param error why no answer came; empty when one did
     */
    public record EndpointSample(int status, long latencyNanos, String error) {
        public EndpointSample {
            Objects.requireNonNull(error, "error");
        }

        /** The latency in milliseconds. */
        public double latencyMs() {
            return latencyNanos / 1e6;
        }

        /** The latency in whole microseconds, exactly as the run's histogram records it. */
        public long latencyMicros() {
            return LatencyRecorder.micros(latencyNanos);
        }
    }

    public PairedSample {
        Objects.requireNonNull(intendedSendTime, "intendedSendTime");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(parity, "parity");
    }
}
