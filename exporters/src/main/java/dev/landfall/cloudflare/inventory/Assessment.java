package dev.landfall.cloudflare.inventory;

import java.util.List;
import java.util.Objects;

/**
 * The assessment: five findings, a verdict, and which questions are still open.
 *
 * @param findings request path, p99 target, data heat, vendor services, self-hosting, in that order
 * @param verdict one of {@code strong}, {@code moderate}, {@code weak}, {@code open}
 * @param summary the verdict in a sentence
 * @param unanswered the keys of unanswered questions
 */
public record Assessment(List<Finding> findings, String verdict, String summary, List<String> unanswered) {
    public Assessment {
        findings = List.copyOf(findings);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        unanswered = List.copyOf(unanswered);
    }
}
