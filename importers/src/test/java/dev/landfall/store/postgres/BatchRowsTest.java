package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Key;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRowsTest {
    private static Row put(String key, String value) {
        return new Row(Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static List<String> show(BatchRows rows) {
        return rows.sorted().stream()
                .map(r -> r.key().text() + "=" + (r.isDelete() ? "-" : new String(r.value(), StandardCharsets.UTF_8)))
                .toList();
    }

    @Test
    void keysInIncreasingOrderComeBackAsWritten() {
        BatchRows rows = new BatchRows();
        assertTrue(rows.isEmpty());
        rows.add(put("a", "1"));
        rows.add(put("b", "2"));
        rows.add(put("c\u00e9", "3"));
        assertEquals(List.of("a=1", "b=2", "c\u00e9=3"), show(rows));
    }

    @Test
    void aKeyWrittenAgainOrOutOfOrderKeepsTheLastWritePerKeyInKeyOrder() {
        BatchRows rows = new BatchRows();
        rows.add(put("b", "1"));
        rows.add(put("d", "1"));
        rows.add(put("b", "2")); // again: the last write wins
        rows.add(put("a", "1")); // out of order
        rows.add(Row.deleteOf(Key.of("d")));
        rows.add(put("c", "1"));
        assertEquals(List.of("a=1", "b=2", "c=1", "d=-"), show(rows));
    }

    @Test
    void clearEmptiesItAndStartsInOrderAgain() {
        BatchRows rows = new BatchRows();
        rows.add(put("b", "1"));
        rows.add(put("a", "1"));
        rows.clear();
        assertTrue(rows.isEmpty());
        rows.add(put("x", "1"));
        rows.add(put("y", "1"));
        assertEquals(List.of("x=1", "y=1"), show(rows));
    }
}
