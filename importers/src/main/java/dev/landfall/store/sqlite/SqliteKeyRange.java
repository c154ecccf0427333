package dev.landfall.store.sqlite;

import dev.landfall.core.model.Key;

/**
 * The SQL of a KV list page and the bounds of a key prefix. Keys are TEXT compared with the BINARY
 * collation (memcmp of the UTF-8 bytes), so a prefix is the range {@code [prefix, endOfPrefix)}: the
 * scan starts at the prefix and the primary key's B-tree stops it at the first key past it, however
 * many keys follow, expired or not.
 */
final class SqliteKeyRange {
    private SqliteKeyRange() {}

    /** {@link Key#endOfPrefix}: BINARY collation orders as keys do. */
    static byte[] endOfPrefix(byte[] prefix) {
        return Key.endOfPrefix(prefix);
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
