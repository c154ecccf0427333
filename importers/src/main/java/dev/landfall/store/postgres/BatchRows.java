package dev.landfall.store.postgres;

import dev.landfall.core.model.Key;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffered rows of one batch: the last write per key, read in key order. Sources deliver keys
 * in increasing order, so a row whose key follows the one before is appended to a list, with no
 * hashing and nothing to sort; only a key that does not (written twice, or out of order) moves the
 * rows into a map, which keeps the last write per key and is sorted when read.
 */
final class BatchRows {
    private final List<Row> inOrder = new ArrayList<>();
    /** Null while every key followed the one before. */
    private Map<Key, Row> byKey;

    void add(Row row) {
        if (byKey == null) {
            if (inOrder.isEmpty()
                    || row.key().compareTo(inOrder.get(inOrder.size() - 1).key()) > 0) {
                inOrder.add(row);
                return;
            }
            byKey = new LinkedHashMap<>();
            for (Row r : inOrder) {
                byKey.put(r.key(), r);
            }
            inOrder.clear();
        }
        byKey.put(row.key(), row);
    }

    boolean isEmpty() {
        return byKey == null ? inOrder.isEmpty() : byKey.isEmpty();
    }

    /** The rows in key order, one per key: the last written. */
    List<Row> sorted() {
        if (byKey == null) {
            return new ArrayList<>(inOrder);
        }
        List<Row> sorted = new ArrayList<>(byKey.values());
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        return sorted;
    }

    void clear() {
        inOrder.clear();
        byKey = null;
    }
}
