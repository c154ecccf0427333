package dev.landfall.core.codec;

import dev.landfall.core.io.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percent-decoding of the raw path and query of a Cloudflare-style request, as the sandbox and
 * {@code landfall serve} read them, and of the parts of a store URI (user, password, database). By
 * hand because the JDK's decoders turn {@code +} into a space in a path and cannot keep {@code %2F}
 * apart from {@code /}. The HTTP server hands the request line over decoded as UTF-8, so a
 * character sent raw becomes its UTF-8 bytes again.
 */
public final class PercentDecoding {
    /** Text that is not well-formed; the message says what and how to fix it, for a client. */
    public static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private PercentDecoding() {}

    /**
     * A raw path part to bytes; {@code +} stays a plus and an unencoded {@code /} stays a slash.
     *
     * @throws Malformed at a {@code %} not followed by two hex digits
     */
    public static byte[] path(String raw) {
        return decode(raw, false);
    }

    /**
     * A raw query ({@code a=1&b=x+y}, form style: {@code +} is a space), the first value of each
     * name, in order; a name without {@code =} has the value {@code ""}.
     *
     * @throws Malformed at a malformed escape, or a name or value that is not UTF-8
     */
    public static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = queryText(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : queryText(pair.substring(eq + 1));
            q.putIfAbsent(k, v);
        }
        return q;
    }

    private static String queryText(String raw) {
        byte[] bytes = decode(raw, true);
        if (!Utf8.isValid(bytes)) {
            throw new Malformed("The query parameter '" + shown(raw) + "' is not valid UTF-8.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new Malformed("Malformed percent-encoding in '" + shown(raw) + "': write % as %25.");
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

    private static String shown(String raw) {
        return raw.length() > 64 ? raw.substring(0, 64) + "…" : raw;
    }
}
