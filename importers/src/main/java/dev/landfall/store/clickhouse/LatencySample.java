package dev.landfall.store.clickhouse;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the samples table ({@link LatencySampleTable}): one endpoint's answer to one measured
 * request pair of a dual run.
 *
 * @param requestIndex the pair's index in the run
 * @param sentAt the intended send time
 * @param endpoint which side: {@code old} or {@code new}
 * @param latencyMicros the latency from the intended send time, in microseconds
 * @param status the HTTP status (0 when no response came)
 * @param parity the response comparison: {@code equal}, {@code differs} or {@code skipped}
 */
public record LatencySample(
        long requestIndex, Instant sentAt, String endpoint, long latencyMicros, int status, String parity) {
    public LatencySample {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(parity, "parity");
    }
}
