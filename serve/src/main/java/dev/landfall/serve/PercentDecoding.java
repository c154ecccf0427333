package dev.landfall.serve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of raw path and query text, by hand because the JDK's decoders turn {@code +}
 * into a space in a path and cannot keep {@code %2F} apart from {@code /}. The HTTP server hands
 * the request line over decoded as UTF-8, so a character sent raw becomes its UTF-8 bytes again.
 * A malformed escape is a 400 in Cloudflare's envelope.
 */
final class PercentDecoding {
    private PercentDecoding() {}

    /** A raw path part to bytes; {@code +} stays a plus and an unencoded {@code /} stays a slash. */
    static byte[] path(String raw) {
        return decode(raw, false);
    }

    /** A raw query component (form style: {@code +} is a space) to text. */
    static String query(String raw) {
        return new String(decode(raw, true), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    String shown = raw.length() > 64 ? raw.substring(0, 64) + "…" : raw;
                    throw KvError.badRequest(
                            KvError.INVALID_PARAMETER,
                            "Malformed percent-encoding in '" + shown + "': write % as %25.");
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
