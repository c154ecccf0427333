package dev.landfall.verify.latency.report;

import dev.landfall.core.time.DurationText;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.EndpointStats;
import dev.landfall.verify.latency.GeneratorLateness;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** How the reports write figures: "-" where there is no data. */
final class Numbers {
    /** The percentiles every form shows, in order, as {@link DualRunResult#speedup} names them. */
    static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");

    private Numbers() {}

    /** The load as both forms open with: {@code 500 pairs/s for 60s after 10s warm-up, 16 connections per endpoint}. */
    static String load(DualRunResult r) {
        return String.format(
                Locale.ROOT,
                "%s pairs/s for %s after %s warm-up, %d connections per endpoint",
                rate(r.config().rate()),
                DurationText.format(r.config().duration()),
                DurationText.format(r.config().warmup()),
                r.config().connections());
    }

    /** An endpoint's figures as the latency table shows them: each percentile in ms, req/s, errors. */
    static List<String> latencyRow(EndpointStats s) {
        return Stream.concat(
                        PERCENTILES.stream().map(p -> ms(s.latencies().get(p))),
                        Stream.of(rate(s.throughputRps()), percent(s.errorRate())))
                .toList();
    }

    /** The speedup at each of {@link #PERCENTILES}. */
    static List<String> speedupRow(DualRunResult r) {
        return PERCENTILES.stream().map(p -> ratio(r.speedup(p))).toList();
    }

    /** The generator's self-check as every form shows it: {@code p50 0.012 ms, p99 0.085 ms, max 1.900 ms}. */
    static String lateness(GeneratorLateness l) {
        return "p50 " + ms(l.p50Ms()) + " ms, p99 " + ms(l.p99Ms()) + " ms, max " + ms(l.maxMs()) + " ms";
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.3f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.3f%%", fraction * 100);
    }

    static String rate(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
