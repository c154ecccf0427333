package dev.landfall.core.codec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JavaScript numbers JSON cannot hold: {@code {"$t":"Number","v":"NaN"}} and likewise {@code
 * "Infinity"}, {@code "-Infinity"} and {@code "-0"}.
 */
public enum SpecialNumber implements TypedValue {
    /** {@code NaN} (all NaN payloads are one value in JavaScript). */
    NAN("NaN"),
    /** {@code Infinity}. */
    POSITIVE_INFINITY("Infinity"),
    /** {@code -Infinity}. */
    NEGATIVE_INFINITY("-Infinity"),
    /** {@code -0}. */
    NEGATIVE_ZERO("-0");

    private final String text;

    SpecialNumber(String text) {
        this.text = text;
    }

    /** The text in the {@code v} member: {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0}. */
    public String text() {
        return text;
    }

    /** The value as a double: Java reads each of the four texts as JavaScript does. */
    public double value() {
        return Double.parseDouble(text);
    }

    /** The special number spelled {@code text} exactly, if any. */
    public static Optional<SpecialNumber> fromText(String text) {
        return Arrays.stream(values()).filter(n -> n.text.equals(text)).findFirst();
    }
}
