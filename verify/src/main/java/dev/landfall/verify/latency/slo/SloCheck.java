package dev.landfall.verify.latency.slo;

import java.util.Objects;

/**
 * One term of an SLO judged.
 *
 * @param term the condition
 * @param actual the measured value in the term's unit (ms, fraction, ratio); NaN when nothing was
 *     measured, which fails the term
 * @param actualText the measured value as text, with its unit
 * @param passed whether the condition holds
 */
public record SloCheck(SloTerm term, double actual, String actualText, boolean passed) {
    public SloCheck {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(actualText, "actualText");
    }
}
