package dev.landfall.verify.latency;

import dev.landfall.verify.latency.load.LatencyRecorder;
import dev.landfall.verify.latency.load.Lateness;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Turns one endpoint's recorder into its {@link EndpointStats}, and the generator's lateness into its figures. */
final class Summaries {
    /** Points of the plotted curve per decade of "nines" (p90, p99, p99.9, …). */
    private static final int POINTS_PER_NINE = 10;

    private Summaries() {}

    static EndpointStats of(String url, LatencyRecorder r, long windowNanos) {
        Histogram h = r.total();
        boolean any = h.getTotalCount() > 0;
        return new EndpointStats(
                url,
                r.requests(),
                r.responses(),
                r.errors(),
                r.responses() / (windowNanos / 1e9),
                any ? ms(h.getValueAtPercentile(50)) : Double.NaN,
                any ? ms(h.getValueAtPercentile(90)) : Double.NaN,
                any ? ms(h.getValueAtPercentile(99)) : Double.NaN,
                any ? ms(h.getValueAtPercentile(99.9)) : Double.NaN,
                any ? ms(h.getMaxValue()) : Double.NaN,
                any ? h.getMean() / 1000.0 : Double.NaN,
                r.statuses(),
                any ? curve(h) : List.of());
    }

    static GeneratorLateness of(Lateness lateness) {
        Histogram h = lateness.total();
        if (h.getTotalCount() == 0) {
            return GeneratorLateness.none();
        }
        return new GeneratorLateness(
                h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
    }

    /**
     * Percentiles spaced evenly on a log scale of {@code 1 / (1 - p)}, from p0 up to where the
     * sample count still resolves them, then p100 (the max).
     */
    private static List<PercentilePoint> curve(Histogram h) {
        List<PercentilePoint> points = new ArrayList<>();
        double maxNines = Math.max(1, Math.log10(h.getTotalCount()));
        for (int k = 0; k <= maxNines * POINTS_PER_NINE; k++) {
            double p = 100.0 * (1 - Math.pow(10, -(double) k / POINTS_PER_NINE));
            points.add(new PercentilePoint(p, ms(h.getValueAtPercentile(p))));
        }
        points.add(new PercentilePoint(100.0, ms(h.getMaxValue())));
        return points;
    }

    private static double ms(double micros) {
        return micros / 1000.0;
    }
}
