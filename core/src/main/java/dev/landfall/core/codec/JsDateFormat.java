package dev.landfall.core.codec;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaScript's {@code Date.prototype.toISOString()} text: {@code YYYY-MM-DDTHH:mm:ss.sssZ} for
 * years 0 to 9999, {@code ±YYYYYY-MM-DDTHH:mm:ss.sssZ} otherwise, in the proleptic Gregorian
 * calendar and UTC.
 */
final class JsDateFormat {
    private static final Pattern ISO =
            Pattern.compile("([+-]\\d{6}|\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})Z");

    /** Where {@link #parseFourDigitYear} wants a digit (9) or exactly that character. */
    private static final String SHAPE = "9999-99-99T99:99:99.999Z";

    private JsDateFormat() {}

    /** The {@code toISOString()} text of a valid time value. */
    static String format(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(
                Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        int year = t.getYear();
        StringBuilder sb = new StringBuilder(27);
        if (year >= 0 && year <= 9999) {
            pad(sb, year, 4);
        } else {
            sb.append(year < 0 ? '-' : '+');
            pad(sb, Math.abs(year), 6);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        sb.append('.');
        pad(sb, t.getNano() / 1_000_000, 3);
        return sb.append('Z').toString();
    }

    /**
     * The time value of a {@code toISOString()} text.
     *
     * @throws IllegalArgumentException if {@code text} is not exactly what {@code toISOString()}
     *     gives for some valid Date
     */
    static long parse(String text) {
        if (text.length() == 24) {
            return parseFourDigitYear(text);
        }
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            throw invalid(text, "expected the form of toISOString(), such as \"2024-01-02T03:04:05.678Z\"");
        }
        long millis;
        try {
            LocalDateTime t = LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)) * 1_000_000);
            millis = t.toEpochSecond(ZoneOffset.UTC) * 1000L + t.getNano() / 1_000_000;
        } catch (DateTimeException e) {
            throw invalid(text, e.getMessage());
        }
        if (Math.abs(millis) > DateValue.MAX_EPOCH_MILLIS) {
            throw invalid(text, "outside the JavaScript Date range of ±8.64e15 ms");
        }
        if (!format(millis).equals(text)) {
            throw invalid(text, "not canonical; toISOString() gives \"" + format(millis) + "\"");
        }
        return millis;
    }

    /**
     * The common form, {@code YYYY-MM-DDTHH:mm:ss.sssZ}, read without a regex or a second format
     * (a Date per value made those most of the decoding time of an export). Every field has a
     * fixed width and a four-digit year is always in range, so a text that reads is canonical.
     */
    private static long parseFourDigitYear(String text) {
        for (int i = 0; i < 24; i++) {
            char c = text.charAt(i);
            char want = SHAPE.charAt(i);
            if (want == '9' ? c < '0' || c > '9' : c != want) {
                throw invalid(text, "expected the form of toISOString(), such as \"2024-01-02T03:04:05.678Z\"");
            }
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    digits(text, 0, 4),
                    digits(text, 5, 2),
                    digits(text, 8, 2),
                    digits(text, 11, 2),
                    digits(text, 14, 2),
                    digits(text, 17, 2),
                    digits(text, 20, 3) * 1_000_000);
            return t.toEpochSecond(ZoneOffset.UTC) * 1000L + t.getNano() / 1_000_000;
        } catch (DateTimeException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static int digits(String text, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid Date " + JsonPath.quote(text) + ": " + why);
    }

    private static void pad(StringBuilder sb, int value, int width) {
        for (int unit = width == 6 ? 100_000 : width == 4 ? 1000 : width == 3 ? 100 : 10; unit > 0; unit /= 10) {
            sb.append((char) ('0' + value / unit % 10));
        }
    }
}
