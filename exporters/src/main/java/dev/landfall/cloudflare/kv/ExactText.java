package dev.landfall.cloudflare.kv;

import java.nio.charset.StandardCharsets;

/**
 * Whether a value bulk get returned as text is the stored bytes. Text that holds U+FFFD (what a
 * lossy decode of bytes that are not UTF-8 writes) or a lone surrogate cannot be: the export reads
 * such a value again raw, one request each, and the inventory's estimate counts those reads by the
 * same rule.
 */
public final class ExactText {
    private ExactText() {}

    /** The UTF-8 bytes of {@code text}, or null when the text cannot be the stored bytes. */
    public static byte[] bytes(String text) {
        return exact(text) ? text.getBytes(StandardCharsets.UTF_8) : null;
    }

    /** Whether {@code text} can be the stored bytes: no U+FFFD and no lone surrogate. */
    public static boolean exact(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
