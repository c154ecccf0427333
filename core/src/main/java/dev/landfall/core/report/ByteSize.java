package dev.landfall.core.report;

import java.util.Locale;

/** Byte counts for people, in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 3.0 GiB}. */
public final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSize() {}

    /** The size with one decimal in the largest unit that keeps it at or above 1. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
