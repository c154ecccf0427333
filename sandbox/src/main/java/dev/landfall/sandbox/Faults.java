package dev.landfall.sandbox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-request fault probabilities. For each API request the sandbox draws one number from a
 * generator seeded with {@link SandboxConfig#randomSeed()} and picks at most one fault, in the
 * order 429, 500, 502, 503, reset, slow; so one seed and one request sequence always give the same
 * faults.
 *
 * <ul>
 *   <li>{@code 429}: code 971 with {@code Retry-After: 1}; it spends no budget and locks nothing
 *       out.
 *   <li>{@code 500}, {@code 502}, {@code 503}: a failure envelope with that status.
 *   <li>{@code reset}: the connection is closed without an answer (the client sees an
 *       IOException).
 *   <li>{@code slow}: the answer is delayed by 2 to 5 seconds, then served normally.
 * </ul>
 *
 * @param http429 probability of an injected 429
 * @param http500 probability of a 500
 * @param http502 probability of a 502
 * @param http503 probability of a 503
 * @param reset probability of a dropped connection
 * @param slow probability of a slow answer
 */
public record Faults(double http429, double http500, double http502, double http503, double reset, double slow) {
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0);

    private static final String HINT =
            "write KIND=P,… with KIND one of 429, 500, 502, 503, reset, slow and P from 0 to 1,"
                    + " for example 429=0.05,500=0.02,reset=0.01,slow=0.01";

    public Faults {
        double[] all = {http429, http500, http502, http503, reset, slow};
        double sum = 0;
        for (double p : all) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fault probabilities must be in [0, 1]: " + p);
            }
            sum += p;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities add up to more than 1: " + sum);
        }
    }

    /** Whether no fault can happen. */
    public boolean none() {
        return http429 == 0 && http500 == 0 && http502 == 0 && http503 == 0 && reset == 0 && slow == 0;
    }

    /** The probabilities by kind name, in draw order. */
    public Map<String, Double> byKind() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("429", http429);
        m.put("500", http500);
        m.put("502", http502);
        m.put("503", http503);
        m.put("reset", reset);
        m.put("slow", slow);
        return m;
    }

    /** The text form {@link #parse} reads back ({@code none} when there are no faults). */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        byKind().forEach((k, p) -> {
            if (p > 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(p);
            }
        });
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /**
     * Reads {@code KIND=P[,KIND=P…]} such as {@code 429=0.05,500=0.02,reset=0.01,slow=0.01}; kinds
     * are {@code 429}, {@code 500}, {@code 502}, {@code 503}, {@code reset}, {@code slow}; P is a
     * decimal from 0 to 1 or a percentage ({@code 5%}). {@code none}, {@code off} and the empty
     * text mean {@link #NONE}.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag, e.g. {@code --faults})
     */
    public static Faults parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("off")) {
            return NONE;
        }
        Map<String, Double> p = new LinkedHashMap<>(NONE.byKind());
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String item : t.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw SpecText.bad(text, "'" + item.strip() + "' is not KIND=P", HINT);
            }
            String kind = item.substring(0, eq).strip();
            if (!p.containsKey(kind)) {
                throw SpecText.bad(text, "unknown fault kind '" + kind + "'", HINT);
            }
            if (seen.put(kind, true) != null) {
                throw SpecText.bad(text, "fault kind '" + kind + "' is given twice", HINT);
            }
            p.put(kind, probability(text, kind, item.substring(eq + 1).strip()));
        }
        double sum = p.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum > 1 + 1e-9) {
            throw SpecText.bad(text, "the probabilities add up to " + sum + ", more than 1", HINT);
        }
        return new Faults(p.get("429"), p.get("500"), p.get("502"), p.get("503"), p.get("reset"), p.get("slow"));
    }

    private static double probability(String text, String kind, String value) {
        boolean percent = value.endsWith("%");
        String number = percent ? value.substring(0, value.length() - 1).strip() : value;
        if (!number.matches("\\d{1,3}(\\.\\d{1,12})?|\\.\\d{1,12}")) {
            throw SpecText.bad(text, "the probability of " + kind + " must be a number from 0 to 1", HINT);
        }
        double d = Double.parseDouble(number) / (percent ? 100 : 1);
        if (d < 0 || d > 1) {
            throw SpecText.bad(text, "the probability of " + kind + " must be from 0 to 1", HINT);
        }
        return d;
    }
}
