package dev.landfall.verify.latency;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one endpoint did in the measured part of a run. Latencies are in milliseconds, measured
 * from each request's intended send time (so a stall that delays sending counts), and cover every
 * answer, 5xx included; requests that failed without an answer are only counted as errors.
 *
 * @param url the base URL, user info masked
 * @param requests requests due in the measured window
 * @param responses answers received (any status)
 * @param errors transport failures (refused, reset, timed out) and 5xx answers
 * @param throughputRps answers per second over the measured window
 * @param statuses answers per HTTP status
 * @param curve the latency-percentile curve, from p0 to p100, for plots
 */
public record EndpointStats(
        String url,
        long requests,
        long responses,
        long errors,
        double throughputRps,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p99_9Ms,
        double maxMs,
        double meanMs,
        Map<Integer, Long> statuses,
        List<PercentilePoint> curve) {
    public EndpointStats {
        Objects.requireNonNull(url, "url");
        statuses = Map.copyOf(statuses);
        curve = List.copyOf(curve);
    }

    /** Errors over requests, 0..1; 0 when nothing was due. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** The latencies by the names an SLO uses; NaN each when nothing answered. */
    public Map<String, Double> latencies() {
        return Map.of("p50", p50Ms, "p90", p90Ms, "p99", p99Ms, "p99.9", p99_9Ms, "max", maxMs, "mean", meanMs);
    }
}
