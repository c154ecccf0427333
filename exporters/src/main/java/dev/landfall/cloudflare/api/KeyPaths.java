package dev.landfall.cloudflare.api;

import dev.landfall.core.model.Key;

/**
 * Encodes a KV key as one URL path segment, the way JavaScript's {@code encodeURIComponent} does
 * (cloudflare-api.md §2.10): every UTF-8 byte except {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} becomes
 * {@code %XX}. Not {@link java.net.URLEncoder}, which writes {@code +} for a space; and the result
 * goes into OkHttp through {@code addEncodedPathSegment}, which keeps {@code %2F} as it is.
 */
final class KeyPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyPaths() {}

    /**
     * The percent-encoded path segment for {@code key}.
     *
     * @throws IllegalArgumentException for an empty key, {@code "."} or {@code ".."}: Cloudflare
     *     allows none of them, and a URL cannot carry the dot segments as a key
     */
    static String segment(Key key) {
        byte[] bytes = key.bytes();
        if (bytes.length == 0 || isDots(bytes)) {
            throw new IllegalArgumentException("'" + key + "' cannot be a KV key in a URL path");
        }
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean isDots(byte[] b) {
        return (b.length == 1 && b[0] == '.') || (b.length == 2 && b[0] == '.' && b[1] == '.');
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '!'
                || c == '~'
                || c == '*'
                || c == '\''
                || c == '('
                || c == ')';
    }
}
