package dev.landfall.serve;

import dev.landfall.core.codec.PercentDecoding;

/**
 * The namespace and key of a value route, {@code
 * /client/v4/accounts/ACCOUNT/storage/kv/namespaces/NS/values/KEY}, read straight off the raw path:
 * the hot read's parse. It matches the route on the raw characters and copies out only the
 * namespace id and the key's bytes (decoding the key only when it holds a {@code %}), where {@link
 * KvApiRequest#parse} cuts the path into substrings first. Any path it does not take (another
 * route, a namespace id that needs decoding, a malformed escape) is left to {@link
 * KvApiRequest#parse}, which answers it, errors included.
 *
 * @param namespaceId the namespace id as sent
 * @param key the key's bytes, percent-decoded; owned
 */
record ValuePath(String namespaceId, byte[] key) {
    private static final String ACCOUNTS = "/client/v4/accounts/";
    private static final String NAMESPACES = "/storage/kv/namespaces/";
    private static final String VALUES = "/values/";

    /** The value route's parts, or null when {@code rawPath} is anything else. */
    static ValuePath of(String rawPath) {
        if (!rawPath.startsWith(ACCOUNTS)) {
            return null;
        }
        int accountEnd = rawPath.indexOf('/', ACCOUNTS.length());
        if (accountEnd <= ACCOUNTS.length() || !rawPath.startsWith(NAMESPACES, accountEnd)) {
            return null;
        }
        int nsStart = accountEnd + NAMESPACES.length();
        int nsEnd = rawPath.indexOf('/', nsStart);
        if (nsEnd <= nsStart || !rawPath.startsWith(VALUES, nsEnd) || !plain(rawPath, nsStart, nsEnd)) {
            return null;
        }
        int keyStart = nsEnd + VALUES.length();
        if (keyStart == rawPath.length()) {
            return null;
        }
        byte[] key = key(rawPath, keyStart);
        return key == null ? null : new ValuePath(rawPath.substring(nsStart, nsEnd), key);
    }

    /** Whether the characters from..to are ASCII without an escape: their bytes are the characters. */
    private static boolean plain(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The key's bytes, or null when its escapes are malformed (the full parse says how). */
    private static byte[] key(String rawPath, int from) {
        int to = rawPath.length();
        if (plain(rawPath, from, to)) {
            byte[] bytes = new byte[to - from];
            for (int i = from; i < to; i++) {
                bytes[i - from] = (byte) rawPath.charAt(i);
            }
            return bytes;
        }
        try {
            return PercentDecoding.path(rawPath.substring(from));
        } catch (PercentDecoding.Malformed e) {
            return null;
        }
    }
}
