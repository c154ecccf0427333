package dev.landfall.core.codec;

import java.util.Optional;

/**
 * The JavaScript numbers JSON cannot hold: {@code {"$t":"Number","v":"NaN"}} and likewise {@code
 * "Infinity"}, {@code "-Infinity"} and {@code "-0"}.
 */
public enum SpecialNumber implements TypedValue {
    /** {@code NaN} (all NaN payloads are one value in JavaScript). */
    NAN("NaN", Double.NaN),
    /** {@code Infinity}. */
    POSITIVE_INFINITY("Infinity", Double.POSITIVE_INFINITY),
    /** {@code -Infinity}. */
    NEGATIVE_INFINITY("-Infinity", Double.NEGATIVE_INFINITY),
    /** {@code -0}. */
    NEGATIVE_ZERO("-0", -0.0);

    private final String text;
    private final double value;

    SpecialNumber(String text, double value) {
        this.text = text;
        this.value = value;
    }

    /** The text in the {@code v} member: {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0}. */
    public String text() {
        return text;
    }

    /** The value as a double. */
    public double value() {
        return value;
    }

    /** The special number spelled {@code text} exactly, if any. */
    public static Optional<SpecialNumber> fromText(String text) {
        for (SpecialNumber n : values()) {
            if (n.text.equals(text)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
