package dev.landfall.core.io;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** UTF-8 checks and conversions that neither copy nor allocate more than the result. */
public final class Utf8 {
    private Utf8() {}

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
     * above U+10FFFF).
     */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /** The bytes as text, if they are well-formed UTF-8; empty otherwise, never U+FFFD in their place. */
    public static Optional<String> text(byte[] bytes) {
        return isValid(bytes) ? Optional.of(new String(bytes, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Whether {@code bytes[offset, offset + length)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            i = (bytes[i] & 0xff) < 0x80 ? i + 1 : sequenceEnd(bytes, i, end);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the UTF-8 sequence of the one code point at {@code i} (a lead byte of 0x80 or more)
     * ends, or -1 unless it is the shortest form of a scalar value (no surrogates, at most
     * U+10FFFF) and ends before {@code end}.
     */
    public static int sequenceEnd(byte[] bytes, int i, int end) {
        int lead = bytes[i] & 0xff;
        int need;
        int lo = 0x80;
        int hi = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            need = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            need = 2;
            if (lead == 0xe0) {
                lo = 0xa0;
            } else if (lead == 0xed) {
                hi = 0x9f;
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            need = 3;
            if (lead == 0xf0) {
                lo = 0x90;
            } else if (lead == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return -1;
        }
        if (end - i <= need) {
            return -1;
        }
        int second = bytes[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = 2; k <= need; k++) {
            int c = bytes[i + k] & 0xff;
            if (c < 0x80 || c > 0xbf) {
                return -1;
            }
        }
        return i + need + 1;
    }

    /**
     * Encodes UTF-16 characters as UTF-8.
     *
     * @throws IllegalArgumentException at a lone surrogate, which UTF-8 cannot represent
     */
    public static byte[] encode(char[] chars, int offset, int length) {
        int end = offset + length;
        // Most keys and values are ASCII: two tight loops the JIT vectorises beat the general one.
        int ascii = offset;
        while (ascii < end && chars[ascii] < 0x80) {
            ascii++;
        }
        if (ascii == end) {
            byte[] out = new byte[length];
            for (int k = 0; k < length; k++) {
                out[k] = (byte) chars[offset + k];
            }
            return out;
        }
        int size = ascii - offset;
        for (int i = ascii; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                size += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at " + (i - offset));
            } else {
                size += 3;
            }
        }
        byte[] out = new byte[size];
        int o = 0;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            // The sizing pass above refused lone surrogates: a high one is followed by its low one.
            o = write(Character.isHighSurrogate(c) ? Character.toCodePoint(c, chars[++i]) : c, out, o);
        }
        return out;
    }

    /**
     * Writes the UTF-8 bytes of one code point (not a surrogate), 1 to 4 of them, at {@code
     * out[at]}: the one encoder of every writer that fills its own buffer.
     *
     * @return the index after the last byte written
     */
    public static int write(int codePoint, byte[] out, int at) {
        int o = at;
        if (codePoint < 0x80) {
            out[o++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            out[o++] = (byte) (0xc0 | (codePoint >> 6));
            out[o++] = (byte) (0x80 | (codePoint & 0x3f));
        } else if (codePoint < 0x10000) {
            out[o++] = (byte) (0xe0 | (codePoint >> 12));
            out[o++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
            out[o++] = (byte) (0x80 | (codePoint & 0x3f));
        } else {
            out[o++] = (byte) (0xf0 | (codePoint >> 18));
            out[o++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
            out[o++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
            out[o++] = (byte) (0x80 | (codePoint & 0x3f));
        }
        return o;
    }
}
