package dev.landfall.verify.latency.parity;

import java.util.Objects;

/**
 * One difference between the two answers to a request: where, and what each side had (JSON text,
 * cut to a short snippet; {@code (absent)} when the side lacks the field).
 *
 * @param path {@code status}, a JSONPath such as {@code $.items[2].name}, or {@code $} for a whole
 *     non-JSON body
 */
public record Difference(String path, String baseline, String candidate) {
    static final int SNIPPET = 120;

    public Difference {
        Objects.requireNonNull(path, "path");
        baseline = snippet(Objects.requireNonNull(baseline, "baseline"));
        candidate = snippet(Objects.requireNonNull(candidate, "candidate"));
    }

    private static String snippet(String s) {
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET - 1) + "…";
    }
}
