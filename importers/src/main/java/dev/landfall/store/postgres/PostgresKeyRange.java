package dev.landfall.store.postgres;

import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Key;
import java.util.Optional;

/**
 * Key ranges in {@code text COLLATE "C"}, which compares UTF-8 bytes, that is code points: the
 * keys that start with a prefix are {@code [prefix, endOfPrefix)}. The end must itself be text
 * PostgreSQL accepts, so it is made of code points, not bytes.
 */
final class PostgresKeyRange {
    private PostgresKeyRange() {}

    /**
     * The least text above every text that starts with {@code prefix}: the prefix with its last code
     * point that can be incremented incremented (skipping the surrogate range) and what follows it
     * dropped. Empty for an empty prefix, which has no end.
     */
    static Optional<String> endOfPrefix(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            int next = points[i] + 1;
            if (next == Character.MIN_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                points[i] = next;
                return Optional.of(new String(points, 0, i + 1));
            }
        }
        return Optional.empty();
    }

    /** Whether a {@code text} column can hold the key: well-formed UTF-8 without NUL. */
    static boolean storable(Key key) {
        byte[] bytes = key.bytes();
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return Utf8.isValid(bytes);
    }
}
