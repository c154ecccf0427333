package dev.landfall.core.codec;

import java.util.Base64;

/**
 * Canonical base64 (RFC 4648 section 4): the standard alphabet, {@code =} padding to a multiple of
 * four characters, no line breaks or whitespace, and zero bits after the last byte, so each byte
 * string has exactly one text.
 */
final class Base64Text {
    private Base64Text() {}

    /**
     * The bytes of canonical base64 {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not canonical base64
     */
    static byte[] decode(String text) {
        if (text.length() % 4 != 0) {
            throw invalid("its length " + text.length() + " is not a multiple of 4");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        // Java's decoder ignores the unused bits of the last group; the canonical text has them 0.
        int tail = bytes.length % 3 == 0 ? Math.min(3, bytes.length) : bytes.length % 3;
        byte[] last = new byte[tail];
        System.arraycopy(bytes, bytes.length - tail, last, 0, tail);
        String lastGroup = Base64.getEncoder().encodeToString(last);
        if (!text.endsWith(lastGroup)) {
            throw invalid("the last group should be \"" + lastGroup + "\"");
        }
        return bytes;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("invalid base64: " + why);
    }
}
