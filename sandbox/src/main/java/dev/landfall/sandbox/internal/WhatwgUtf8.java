package dev.landfall.sandbox.internal;

/**
 * The UTF-8 decoder of the WHATWG Encoding Standard (§9.1.1, "replacement" error mode), which is
 * what a Worker's {@code TextDecoder} and therefore Cloudflare's JavaScript side use: each maximal
 * subpart of an ill-formed sequence becomes one U+FFFD. The JDK's decoder differs: it reads an
 * encoded surrogate such as {@code ED A0 80} as one malformed sequence (one U+FFFD), where WHATWG
 * writes three, so bulk get would answer different text than Cloudflare for the same bytes.
 */
final class WhatwgUtf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private WhatwgUtf8() {}

    /** Whether {@code bytes} are well-formed UTF-8 (no surrogates, no overlongs, ≤ U+10FFFF). */
    static boolean isValid(byte[] bytes) {
        return decode(bytes, true) != null;
    }

    /** The text of {@code bytes}, ill-formed parts replaced as WHATWG specifies. */
    static String decode(byte[] bytes) {
        return decode(bytes, false);
    }

    /** The decoded text; with {@code strict}, null at the first error. */
    private static String decode(byte[] bytes, boolean strict) {
        StringBuilder out = new StringBuilder(bytes.length);
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                i++;
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    if (strict) {
                        return null;
                    }
                    out.append(REPLACEMENT);
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The byte is not consumed: it starts the next sequence (the "prepend" step).
                if (strict) {
                    return null;
                }
                codePoint = 0;
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append(REPLACEMENT);
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            if (strict) {
                return null;
            }
            out.append(REPLACEMENT);
        }
        return out.toString();
    }
}
