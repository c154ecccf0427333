package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import java.time.Duration;

/**
 * Shared pieces of the sandbox's flag-value parsers. Every failure is a {@link
 * LandfallException#usage} whose message starts with the quoted text ({@code 'SESSIONS=abc': …}),
 * so the CLI can prefix the flag name.
 */
final class SpecText {

    private SpecText() {}

    static LandfallException bad(String text, String problem, String hint) {
        return LandfallException.usage("'" + text + "': " + problem, hint);
    }

    static String required(String text, String hint) {
        if (text == null || text.isBlank()) {
            throw LandfallException.usage("'': a value is required", hint);
        }
        return text.strip();
    }

    /** A {@code NAME=REST} value: the name stripped, the rest as written. */
    record Assignment(String name, String rest) {}

    /**
     * Splits {@code t}, the stripped {@code text}, at the {@code '='} at {@code eq} (the parser's
     * grammar says which one), refusing a value without one as not {@code form}.
     */
    static Assignment assignment(String text, String t, int eq, String form, String hint) {
        if (eq < 0) {
            throw bad(text, "expected " + form, hint);
        }
        return new Assignment(t.substring(0, eq).strip(), t.substring(eq + 1));
    }

    /**
     * Checks a constructor argument: a programming error, not a user's, so an {@link
     * IllegalArgumentException} reading {@code name must be min..max: value}.
     */
    static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
        }
    }

    /** A whole number in {@code [min, max]}; {@code what} names the field in the message. */
    static long wholeNumber(String text, String field, String what, long min, long max, String hint) {
        String f = field.strip().replace("_", "");
        if (!f.matches("\\d{1,18}")) {
            throw bad(text, what + " must be a whole number", hint);
        }
        long n = Long.parseLong(f);
        if (n < min || n > max) {
            throw bad(text, what + " must be between " + min + " and " + max, hint);
        }
        return n;
    }

    /**
     * A duration: digits with a unit {@code ms}, {@code s}, {@code m} or {@code h}; a bare {@code 0}
     * is zero. {@code what} names the field in the message.
     */
    static Duration duration(String text, String field, String what, String hint) {
        try {
            return DurationText.parse(field);
        } catch (IllegalArgumentException e) {
            throw bad(text, what + " " + e.getMessage(), hint);
        }
    }

    /** The shortest text {@link #duration} reads back as {@code d}. */
    static String format(Duration d) {
        return DurationText.format(d);
    }
}
