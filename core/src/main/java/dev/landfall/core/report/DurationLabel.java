package dev.landfall.core.report;

import java.time.Duration;
import java.util.Locale;

/**
 * How reports write a duration that was measured or estimated, for people. A duration an operator
 * gave in a flag is echoed with {@link dev.landfall.core.time.DurationText#format} instead, in the
 * syntax the flag takes; JSON documents write seconds ({@link JsonReport#seconds(Duration)}).
 */
public final class DurationLabel {
    private DurationLabel() {}

    /** Whole units, largest first: {@code 0s}, {@code 45s}, {@code 2m 5s}, {@code 2h 30m} (no seconds past an hour). */
    public static String of(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append("h");
        }
        if (m > 0) {
            sb.append(sb.length() > 0 ? " " : "").append(m).append("m");
        }
        if (sec > 0 && h == 0) {
            sb.append(sb.length() > 0 ? " " : "").append(sec).append("s");
        }
        return sb.toString();
    }

    /** Seconds with one decimal: {@code 12.3s}. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
