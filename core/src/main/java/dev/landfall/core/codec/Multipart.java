package dev.landfall.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A binary-safe {@code multipart/form-data} parser (RFC 7578): parts are found by searching the
 * raw bytes for {@code CRLF--boundary}, so values may hold any bytes, including CR, LF and
 * boundary-like text that is not preceded by CRLF. Shared by the sandbox and {@code landfall serve},
 * which both take KV values as Cloudflare's multipart form; each turns {@link Malformed} into its
 * own 400 answer.
 */
public final class Multipart {
    /** The body or its Content-Type is not well-formed multipart; the message says how, for a client. */
    public static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** One part; the body array is owned. */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] body) {}

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private Multipart() {}

    /** Whether a Content-Type is multipart/form-data. */
    public static boolean isFormData(String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The {@code boundary} parameter of a Content-Type, unquoted. */
    public static String boundary(String contentType) {
        Map<String, String> params = parameters(contentType);
        String b = params.get("boundary");
        if (b == null || b.isEmpty() || b.length() > 200) {
            throw new Malformed("multipart/form-data body without a valid boundary.");
        }
        return b;
    }

    /**
     * Splits a body into parts.
     *
     * @throws Malformed when the body is not well-formed multipart
     */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos;
        if (startsWith(body, 0, delimiter)) {
            pos = delimiter.length;
        } else {
            int at = indexOf(body, next, 0);
            if (at < 0) {
                throw malformed("no opening boundary");
            }
            pos = at + next.length;
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts;
            }
            pos = skipTransportPadding(body, pos);
            if (!startsWith(body, pos, CRLF)) {
                throw malformed("no line break after a boundary");
            }
            pos += 2;
            String headerText;
            int bodyStart;
            if (startsWith(body, pos, CRLF)) {
                headerText = "";
                bodyStart = pos + 2;
            } else {
                int headersEnd = indexOf(body, HEADER_END, pos);
                if (headersEnd < 0) {
                    throw malformed("part headers do not end");
                }
                headerText = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
                bodyStart = headersEnd + HEADER_END.length;
            }
            int bodyEnd = indexOf(body, next, bodyStart);
            if (bodyEnd < 0) {
                throw malformed("no closing boundary");
            }
            parts.add(part(headerText, Arrays.copyOfRange(body, bodyStart, bodyEnd)));
            pos = bodyEnd + next.length;
        }
    }

    /** The first part with {@code name}. */
    public static Optional<Part> find(List<Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Part part(String headerText, byte[] body) {
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line : headerText.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String h = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String v = line.substring(colon + 1).strip();
            if (h.equals("content-disposition")) {
                Map<String, String> p = parameters(v);
                name = p.get("name");
                filename = p.get("filename");
            } else if (h.equals("content-type")) {
                contentType = v;
            }
        }
        if (name == null) {
            throw malformed("a part has no Content-Disposition name");
        }
        return new Part(name, Optional.ofNullable(filename), Optional.ofNullable(contentType), body);
    }

    /** {@code type; a=b; c="d;e"} to {a: b, c: d;e}; names lowercased, quotes and backslash escapes removed. */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j = header.indexOf(';', j);
            } else {
                int end = header.indexOf(';', j);
                value.append(header, j, end < 0 ? header.length() : end);
                j = end;
            }
            out.putIfAbsent(key, value.toString().strip());
            i = j;
        }
        return out;
    }

    private static int skipTransportPadding(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        return pos;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        return at >= 0
                && at + prefix.length <= b.length
                && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        int last = haystack.length - needle.length;
        byte first = needle[0];
        for (int i = Math.max(0, from); i <= last; i++) {
            if (haystack[i] == first && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static Malformed malformed(String why) {
        return new Malformed("Malformed multipart/form-data body: " + why + ".");
    }
}
