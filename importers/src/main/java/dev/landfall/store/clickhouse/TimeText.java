package dev.landfall.store.clickhouse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads the timestamps event exports carry: ISO-8601 / RFC 3339 text ({@code
 * 2026-11-29T07:00:00Z}, {@code 2026-11-29 07:00:00.123+01:00}; no offset means UTC) and Unix
 * epoch numbers, whose unit is told by magnitude (seconds below 10^11, then milliseconds,
 * microseconds, nanoseconds), the units Logpush's {@code unix}, {@code unixnano} and {@code
 * rfc3339} timestamp formats use.
 */
final class TimeText {
    /**
     * A parsed time and how many digits its text had after the second (0..9), for inference.
     *
     * @param instant the time
     * @param fractionDigits digits after the second in the text
     */
    record Parsed(Instant instant, int fractionDigits) {}

    private TimeText() {}

    /** The date of {@code YYYY-MM-DD} text, exactly that form. */
    static Optional<LocalDate> date(String s) {
        if (s.length() != 10 || !dateShape(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The time of ISO-8601 date-time text, or empty if {@code s} is not one. */
    static Optional<Parsed> dateTime(String s) {
        int n = s.length();
        if (n < 19 || !dateShape(s) || (s.charAt(10) != 'T' && s.charAt(10) != ' ')) {
            return Optional.empty();
        }
        if (s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || !digits(s, 11, 13)
                || !digits(s, 14, 16)
                || !digits(s, 17, 19)) {
            return Optional.empty();
        }
        int i = 19;
        int nanos = 0;
        int fraction = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            fraction = i - start;
            if (fraction == 0 || fraction > 9) {
                return Optional.empty();
            }
            nanos = num(s, start, i);
            for (int k = fraction; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        String zone = s.substring(i);
        try {
            if (zone.isEmpty() || zone.equals("Z") || zone.equals("z")) {
                offset = ZoneOffset.UTC;
            } else if (zone.matches("[+-]\\d\\d(:?\\d\\d)?")) {
                offset = ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            } else {
                return Optional.empty();
            }
            LocalDateTime local = LocalDateTime.of(
                    num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16), num(s, 17, 19), nanos);
            return Optional.of(new Parsed(local.toInstant(offset), fraction));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** An epoch number in seconds, milliseconds, microseconds or nanoseconds, told by magnitude. */
    static Instant epoch(long value) {
        long abs = Math.abs(value);
        if (abs < 100_000_000_000L) {
            return Instant.ofEpochSecond(value);
        } else if (abs < 100_000_000_000_000L) {
            return Instant.ofEpochMilli(value);
        } else if (abs < 100_000_000_000_000_000L) {
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
        }
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    }

    private static boolean dateShape(String s) {
        return s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
