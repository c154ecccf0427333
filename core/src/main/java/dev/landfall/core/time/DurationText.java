package dev.landfall.core.time;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in flags: digits with a unit {@code ms}, {@code s}, {@code m}
 * or {@code h} ({@code 250ms}, {@code 10s}, {@code 5m}); a bare {@code 0} is zero.
 *
 * <p>Parsing and {@link #format} stay together because they are one syntax: a report that echoes a
 * configured duration ({@code 1200/5m}, "for 60s") uses {@code format} so the operator reads what
 * the flag takes. Measured and estimated durations are written by {@code
 * dev.landfall.core.report.DurationLabel}.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

    private DurationText() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message that completes "WINDOW …" or "the duration
     *     …", e.g. {@code must be a number with a unit: ms, s, m or h}; callers wrap it in their own
     *     usage error naming the flag
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a number with a unit: ms, s, m or h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (n != 0) {
                throw new IllegalArgumentException("needs a unit: ms, s, m or h");
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

    /** The shortest text {@link #parse} reads back as {@code d} (millisecond precision). */
    public static String format(Duration d) {
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
