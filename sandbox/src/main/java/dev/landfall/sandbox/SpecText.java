package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared pieces of the sandbox's flag-value parsers. Every failure is a {@link
 * LandfallException#usage} whose message starts with the quoted text ({@code 'SESSIONS=abc': …}),
 * so the CLI can prefix the flag name.
 */
final class SpecText {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

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
        Matcher m = DURATION.matcher(field.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(text, what + " must be a number with a unit: ms, s, m or h", hint);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (n != 0) {
                throw bad(text, what + " needs a unit: ms, s, m or h", hint);
            }
            return Duration.ZERO;
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The shortest text {@link #duration} reads back as {@code d}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
