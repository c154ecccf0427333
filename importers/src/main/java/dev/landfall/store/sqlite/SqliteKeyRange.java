package dev.landfall.store.sqlite;

import java.util.Arrays;

/**
 * The SQL of a KV list page and the bounds of a key prefix. Keys are TEXT compared with the BINARY
 * collation (memcmp of the UTF-8 bytes), so a prefix is the range {@code [prefix, endOfPrefix)}: the
 * scan starts at the prefix and the primary key's B-tree stops it at the first key past it, however
 * many keys follow, expired or not.
 */
final class SqliteKeyRange {
    private SqliteKeyRange() {}

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}: the prefix
     * with its last byte below 0xFF incremented and what follows dropped; null when there is none
     * (an empty prefix, or all 0xFF, which UTF-8 never holds).
     */
    static byte[] endOfPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    /**
     * The page query. Parameters in order: namespace id, prefix, the key to start after (if {@code
     * after}), the end of the prefix (if {@code bounded}), now, the row limit.
     */
    static String listSql(boolean after, boolean bounded) {
        return "SELECT key, metadata, expiration FROM " + SqliteSchema.KV
                + " WHERE namespace_id = ? AND key >= CAST(? AS TEXT)"
                + (after ? " AND key > CAST(? AS TEXT)" : "")
                + (bounded ? " AND key < CAST(? AS TEXT)" : "")
                + " AND (expiration IS NULL OR expiration > ?) ORDER BY key LIMIT ?";
    }
}
