package dev.landfall.cli.render;

import java.util.Locale;

/** Human byte counts for progress lines: 512 B, 3.2 KiB, 41.0 MiB. */
public final class ByteSize {
    private ByteSize() {}

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
