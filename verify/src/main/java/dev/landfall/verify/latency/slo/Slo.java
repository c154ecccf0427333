package dev.landfall.verify.latency.slo;

import dev.landfall.core.error.LandfallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective: comma-separated terms that must all hold, such as {@code
 * p99<=10ms,errors<=0.1%,mismatch<=0.1%,speedup>=2}. Latencies are the candidate's and need a
 * unit ({@code us}, {@code ms}, {@code s}); {@code errors} and {@code mismatch} take a percentage
 * or a fraction; {@code speedup} is the baseline's p99 over the candidate's ({@code
 * speedup(p50)} for another percentile), optionally written with an {@code x}.
 */
public final class Slo {
    /** Used when the operator gives none: the candidate must answer, and answer the same. */
    public static final String DEFAULT = "errors<=0.1%,mismatch<=0.1%";

    private static final Pattern TERM =
            Pattern.compile("([a-z0-9.()]+)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|us|µs|s|%|x)?");
    // A term with the right metric and operator but a value that is not a number ("p99<=fast").
    private static final Pattern LOOSE_TERM = Pattern.compile("([a-z0-9.()]+)\\s*(<=|>=|<|>)\\s*(.*)");
    private static final Set<String> LATENCIES = Set.of("p50", "p90", "p99", "p99.9", "max", "mean");

    private final String text;
    private final List<SloTerm> terms;

    private Slo(String text, List<SloTerm> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses an SLO.
     *
     * @throws LandfallException (usage) naming the term that is wrong and the forms that work
     */
    public static Slo parse(String text) {
        Objects.requireNonNull(text, "text");
        List<SloTerm> terms = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String term = raw.strip();
            if (term.isEmpty()) {
                throw bad(text, "has an empty term");
            }
            Matcher m = TERM.matcher(term.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                Matcher loose = LOOSE_TERM.matcher(term.toLowerCase(Locale.ROOT));
                if (loose.matches() && LATENCIES.contains(loose.group(1))) {
                    throw bad(
                            text,
                            "has '" + term + "': " + loose.group(1)
                                    + " needs a number with a time unit (us, ms or s), such as " + loose.group(1)
                                    + "<=10ms");
                }
                throw bad(text, "has '" + term + "', which is not METRIC OP VALUE");
            }
            terms.add(term(text, term, m.group(1), m.group(2), Double.parseDouble(m.group(3)), m.group(4)));
        }
        return new Slo(text, terms);
    }

    private static SloTerm term(String slo, String term, String metric, String op, double value, String unit) {
        if (LATENCIES.contains(metric)) {
            double ms = switch (unit == null ? "" : unit) {
                case "us", "µs" -> value / 1000.0;
                case "ms" -> value;
                case "s" -> value * 1000.0;
                default -> throw bad(slo, "has '" + term + "' without a time unit (us, ms or s)");
            };
            return new SloTerm(term, metric, op, ms);
        }
        if (metric.equals("errors") || metric.equals("mismatch")) {
            if (unit != null && !unit.equals("%")) {
                throw bad(slo, "has '" + term + "': " + metric + " is a percentage (0.1%) or a fraction (0.001)");
            }
            double fraction = unit == null ? value : value / 100.0;
            if (fraction > 1) {
                throw bad(slo, "has '" + term + "': " + metric + " cannot exceed 100%");
            }
            return new SloTerm(term, metric, op, fraction);
        }
        String percentile = metric.equals("speedup") ? "p99" : speedupOf(metric);
        if (percentile == null || !LATENCIES.contains(percentile) || percentile.equals("mean")) {
            throw bad(
                    slo,
                    "has an unknown metric '" + metric
                            + "' (known: p50, p90, p99, p99.9, max, mean, errors, mismatch, speedup, speedup(p50))");
        }
        if (unit != null && !unit.equals("x")) {
            throw bad(slo, "has '" + term + "': a speedup is a ratio such as 2 or 2x");
        }
        return new SloTerm(term, "speedup(" + percentile + ")", op, value);
    }

    private static String speedupOf(String metric) {
        if (metric.startsWith("speedup(") && metric.endsWith(")")) {
            return metric.substring("speedup(".length(), metric.length() - 1);
        }
        return null;
    }

    private static LandfallException bad(String slo, String why) {
        return LandfallException.usage(
                "--slo '" + slo + "' " + why, "write terms such as 'p99<=10ms,errors<=0.1%,mismatch<=0.1%,speedup>=2'");
    }

    /** Judges every term. */
    public SloVerdict evaluate(SloInputs inputs) {
        List<SloCheck> checks = new ArrayList<>();
        for (SloTerm t : terms) {
            checks.add(t.check(inputs));
        }
        return new SloVerdict(text, checks);
    }

    public List<SloTerm> terms() {
        return terms;
    }

    @Override
    public String toString() {
        return text;
    }
}
