package dev.landfall.cloudflare.inventory;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 1.5 KiB}. */
final class ByteText {
    private ByteText() {}

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
