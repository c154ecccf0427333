package dev.landfall.sandbox.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of raw path segments and query components, done by hand so {@code %2F} stays
 * inside a key and a {@code +} in a path is a plus. Jetty hands over the request line decoded as
 * UTF-8, so a raw (unencoded) non-ASCII character is encoded back to its UTF-8 bytes.
 */
public final class PercentCoding {
    private PercentCoding() {}

    /** Decodes a raw path segment to bytes; {@code +} stays a plus. */
    public static byte[] decodeSegment(String raw) {
        return decode(raw, false);
    }

    /** Decodes a raw query component (form style: {@code +} is a space) to text. */
    public static String decodeQuery(String raw) {
        return utf8(decode(raw, true), "query parameter");
    }

    /**
     * Strict UTF-8 decoding.
     *
     * @throws ApiError 400 when the bytes are not UTF-8
     */
    public static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest(ApiError.INVALID_KEY, "The " + what + " is not valid UTF-8.");
        }
    }

    private static byte[] decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw ApiError.badRequest(
                            ApiError.INVALID_PARAMETER, "Malformed percent-encoding in '" + raw + "'.");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.badRequest(
                            ApiError.INVALID_PARAMETER, "Malformed percent-encoding in '" + raw + "'.");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = raw.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toByteArray();
    }
}
