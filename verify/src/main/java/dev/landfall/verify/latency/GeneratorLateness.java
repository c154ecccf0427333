package dev.landfall.verify.latency;

import java.util.Locale;
import java.util.Optional;

/**
 * The load generator's self-check: how late the measured requests went out compared with their
 * intended send times, in milliseconds ({@code NaN} when nothing was sent). Latency counts from
 * the intended time, so this lateness is inside every measured latency; when it is a sizeable part
 * of the tail, the tail belongs partly to Landfall, not to the endpoints.
 *
 * @param sent measured requests sent (both endpoints)
 */
public record GeneratorLateness(long sent, double p50Ms, double p99Ms, double maxMs) {
    /**
     * The lateness p99 may be at most this share of the smaller measured p99. Each latency is the
     * server's time plus the lateness, so a lateness p99 of 10% of the p99 can move that p99 by
     * up to about 10%: the most that a speedup or a {@code p99<=} gate can bear.
     */
    public static final double DISTORTION_SHARE = 0.10;

    /** Nothing measured. */
    public static GeneratorLateness none() {
        return new GeneratorLateness(0, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * A one-line warning when the lateness p99 exceeds {@link #DISTORTION_SHARE} of the smaller of
     * the endpoints' p99 latencies; empty when it does not, or without data.
     */
    public Optional<String> warning(EndpointStats baseline, EndpointStats candidate) {
        double p99 = Math.min(orInfinity(baseline.p99Ms()), orInfinity(candidate.p99Ms()));
        if (Double.isNaN(p99Ms) || Double.isInfinite(p99) || p99Ms <= DISTORTION_SHARE * p99) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "the load generator sent requests late by %.3f ms at p99, more than %d%% of the measured p99"
                        + " (%.3f ms): the tail is partly Landfall's own; run it where cores are idle,"
                        + " with more --connections when the endpoints are slow, or at a lower --rate",
                p99Ms,
                Math.round(DISTORTION_SHARE * 100),
                p99));
    }

    private static double orInfinity(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
