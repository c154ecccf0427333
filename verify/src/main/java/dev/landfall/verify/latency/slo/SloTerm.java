package dev.landfall.verify.latency.slo;

import java.util.Locale;
import java.util.Objects;

/**
 * One condition of an SLO, such as {@code p99<=10ms}: a metric, a comparison and a threshold.
 *
 * @param text the condition as written
 * @param metric {@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code max}, {@code mean},
 *     {@code errors}, {@code mismatch} or {@code speedup(pNN)}
 * @param op one of {@code <=}, {@code <}, {@code >=}, {@code >}
 * @param threshold in milliseconds for latencies, a fraction for rates, a ratio for speedups
 */
public record SloTerm(String text, String metric, String op, double threshold) {
    public SloTerm {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(op, "op");
    }

    /** Judges the term on measured figures. */
    public SloCheck check(SloInputs in) {
        double actual = actual(in);
        boolean passed = !Double.isNaN(actual)
                && switch (op) {
                    case "<=" -> actual <= threshold;
                    case "<" -> actual < threshold;
                    case ">=" -> actual >= threshold;
                    default -> actual > threshold;
                };
        return new SloCheck(this, actual, describe(actual), passed);
    }

    private double actual(SloInputs in) {
        return switch (metric) {
            case "errors" -> in.errorRate();
            case "mismatch" -> in.mismatchRate();
            default -> {
                if (metric.startsWith("speedup(")) {
                    String p = metric.substring("speedup(".length(), metric.length() - 1);
                    double base = in.baselineMs().getOrDefault(p, Double.NaN);
                    double cand = in.candidateMs().getOrDefault(p, Double.NaN);
                    yield cand > 0 ? base / cand : Double.NaN;
                }
                yield in.candidateMs().getOrDefault(metric, Double.NaN);
            }
        };
    }

    private String describe(double actual) {
        if (Double.isNaN(actual)) {
            return "no data";
        }
        if (metric.equals("errors") || metric.equals("mismatch")) {
            return String.format(Locale.ROOT, "%.3f%%", actual * 100);
        }
        if (metric.startsWith("speedup(")) {
            return String.format(Locale.ROOT, "%.2fx", actual);
        }
        return String.format(Locale.ROOT, "%.3fms", actual);
    }
}
