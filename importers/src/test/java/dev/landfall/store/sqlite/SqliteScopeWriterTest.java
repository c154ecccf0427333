package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer cases the contract leaves open: operation order inside one flush, multi-row groups, refusals. */
class SqliteScopeWriterTest {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final DurableObject DO = new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee");
    private static final int ROWS = EntryTable.ROWS_PER_INSERT;

    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void open() {
        store = new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + dir.resolve("w.db")));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void operationsOnOneKeyApplyInTheOrderTheyWereMade() throws IOException {
        try (ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
            w.put(entry(KV, "a", "1"));
            w.delete(Key.of("a")); // put then delete: gone
            w.delete(Key.of("b"));
            w.put(entry(KV, "b", "2")); // delete then put: present
            w.put(entry(KV, "c", "old"));
            w.put(entry(KV, "c", "new")); // the later put wins
            w.flush();
        }
        assertEquals(List.of("b=2", "c=new"), read(KV));
    }

    @Test
    void runsLongerThanOneMultiRowInsertKeepTheLastPutOfEachKey() throws IOException {
        // 2.5 groups of puts; every key is put twice, the second time in a later group or in the single-row tail.
        int count = ROWS * 5 / 4;
        TreeMap<String, String> expected = new TreeMap<>();
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < count; i++) {
                    String key = String.format("k%04d", i);
                    String value = "v" + round + "-" + i;
                    w.put(entry(KV, key, value));
                    expected.put(key, value);
                }
            }
            w.flush();
        }
        List<String> want = new ArrayList<>();
        expected.forEach((k, v) -> want.add(k + "=" + v));
        assertEquals(want, read(KV));
    }

    @Test
    void createOnlyLeavesExistingKeysInsideMultiRowInserts() throws IOException {
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (int i = 0; i < ROWS * 2; i += 2) {
                w.put(entry(KV, String.format("k%04d", i), "kept"));
            }
            w.flush();
        }
        try (ScopeWriter w = store.open(KV, WriteMode.CREATE_ONLY)) {
            for (int i = 0; i < ROWS * 2 + 3; i++) {
                w.put(entry(KV, String.format("k%04d", i), "new"));
            }
            w.flush();
        }
        List<String> rows = read(KV);
        assertEquals(ROWS * 2 + 3, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String want = i % 2 == 0 && i < ROWS * 2 ? "kept" : "new";
            assertEquals(String.format("k%04d", i) + "=" + want, rows.get(i));
        }
    }

    @Test
    void keysThatAreNotUtf8AreKeptByteForByte() throws IOException {
        byte[] raw = {'k', (byte) 0xff, 0, (byte) 0xc0, (byte) 0x80};
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.ofBytes(raw), new byte[] {1}, null, null));
            w.put(new Entry(KV, Key.ofBytes(new byte[] {'k'}), new byte[] {2}, null, null));
            w.flush();
        }
        try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
            c.next();
            assertArrayEquals(new byte[] {'k'}, c.current().key().bytes());
            c.next();
            assertArrayEquals(raw, c.current().key().bytes());
        }
    }

    @Test
    void durableObjectEntriesHaveNoMetadataOrExpiration() throws IOException {
        try (ScopeWriter w = store.open(DO, WriteMode.UPSERT)) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.put(new Entry(DO, Key.of("k"), bytes("1"), "{\"m\":1}", null)));
            assertThrows(IllegalArgumentException.class, () -> w.put(new Entry(DO, Key.of("k"), bytes("1"), null, 1L)));
        }
    }

    @Test
    void entriesOfAnotherScopeAreRefused() throws IOException {
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            assertThrows(IllegalArgumentException.class, () -> w.put(entry(DO, "k", "1")));
            // The same namespace under another title is the same scope.
            w.put(entry(new KvNamespace(KV.namespaceId(), "RENAMED"), "k", "1"));
            w.flush();
        }
        assertEquals(List.of("k=1"), read(KV));
    }

    @Test
    void aClosedWriterRefusesWork() throws IOException {
        ScopeWriter w = store.open(KV, WriteMode.MIRROR);
        w.put(entry(KV, "a", "1"));
        w.close();
        assertThrows(IllegalStateException.class, () -> w.put(entry(KV, "b", "2")));
        assertThrows(IllegalStateException.class, () -> w.delete(Key.of("a")));
        assertThrows(IllegalStateException.class, w::flush);
        assertEquals(List.of(), read(KV), "close does not flush");
    }

    private List<String> read(Scope scope) throws IOException {
        List<String> out = new ArrayList<>();
        try (Cursor<Entry> c = store.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current().key().text() + "=" + new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Entry entry(Scope scope, String key, String value) {
        return new Entry(scope, Key.of(key), bytes(value), null, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
