package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back: the SQL the container service runs (docs/stores/sqlite.md), paging, scopes. */
class SqliteReadTest {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("r.db");
    }

    private Store open() {
        return new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file()));
    }

    @Test
    void theContainerServiceReadsAnEntryWithTheDocumentedSql() throws Exception {
        byte[] binary = {0, (byte) 0xff, 1};
        DurableObject object = new DurableObject("ns", "obj");
        try (Store store = open()) {
            write(
                    store,
                    KV,
                    List.of(
                            new Entry(KV, Key.of("Zoë/😀"), bytes("text"), "{\"a\": 1}", 4_102_444_800L),
                            new Entry(KV, Key.of("bin"), binary, null, null)));
            write(
                    store,
                    object,
                    List.of(new Entry(
                            object, Key.of("counter"), bytes("{\"$t\":\"BigInt\",\"v\":\"1\"}"), null, null)));
        }
        try (Connection c = SqliteSchemaTest.connect(file())) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT value, metadata, expiration, typeof(key), typeof(value)"
                            + " FROM landfall_kv WHERE namespace_id = ? AND key = ?")) {
                ps.setString(1, KV.namespaceId());
                ps.setString(2, "Zoë/😀");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "a string parameter finds the key");
                    assertArrayEquals(bytes("text"), rs.getBytes(1));
                    assertEquals("{\"a\": 1}", rs.getString(2), "metadata is the JSON text as given");
                    assertEquals(4_102_444_800L, rs.getLong(3));
                    assertEquals("text", rs.getString(4));
                    assertEquals("blob", rs.getString(5));
                }
                ps.setString(2, "bin");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(binary, rs.getBytes(1));
                    assertNull(rs.getString(2));
                    rs.getLong(3);
                    assertTrue(rs.wasNull(), "no expiration is NULL");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT value, typeof(value) FROM landfall_do WHERE namespace_id = ? AND object_id = ? AND key = ?")) {
                ps.setString(1, "ns");
                ps.setString(2, "obj");
                ps.setString(3, "counter");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("{\"$t\":\"BigInt\",\"v\":\"1\"}", rs.getString(1));
                    assertEquals("text", rs.getString(2));
                }
            }
        }
    }

    @Test
    void pagesOfLargeValuesAreBoundedAndShrinkToTheirAverage() throws IOException {
        int count = 30;
        byte[] value = new byte[1 << 20];
        new Random(3).nextBytes(value);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(KV, Key.of(String.format("big-%02d", i)), value, null, null));
        }
        try (Store store = open()) {
            write(store, KV, entries);
            try (SqliteEntryCursor c = (SqliteEntryCursor) store.entries(KV, Checkpoint.START);
                    ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
                assertEquals(SqliteEntryCursor.MAX_ROWS, c.nextLimit());
                int seen = 0;
                while (c.next()) {
                    assertEquals(entries.get(seen).key(), c.current().key());
                    assertArrayEquals(value, c.current().value());
                    assertTrue(c.buffered() < 8, "a page holds about 8 MiB: " + (c.buffered() + 1) + " values");
                    if (seen > 0) {
                        assertEquals(8, c.nextLimit(), "8 MiB / 1 MiB");
                    }
                    w.delete(c.current().key()); // writes between pages do not disturb the cursor
                    w.flush();
                    seen++;
                }
                assertEquals(count, seen);
            }
        }
    }

    @Test
    void aCursorHoldsNoReadTransactionBetweenPages() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            entries.add(entry(String.format("k%05d", i)));
        }
        try (Store store = open()) {
            write(store, KV, entries);
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START);
                    Connection other = SqliteSchemaTest.connect(file())) {
                int seen = 0;
                while (c.next()) {
                    if (seen % 1_000 == 0) {
                        // A TRUNCATE checkpoint waits for every reader of the WAL: it only succeeds
                        // (busy = 0) if the cursor keeps no statement or snapshot open.
                        assertEquals("0", SqliteSchemaTest.scalar(other, "PRAGMA wal_checkpoint(TRUNCATE)"));
                    }
                    seen++;
                }
                assertEquals(entries.size(), seen);
            }
        }
    }

    @Test
    void aCheckpointFromAnotherKindOfSourceResumesByItsKey() throws IOException {
        try (Store store = open()) {
            write(store, KV, List.of(entry("a"), entry("b"), entry("c")));
            Checkpoint foreign = new Checkpoint(Key.of("a"), Map.of("cursor", "opaque-list-cursor", "page", 3L));
            try (Cursor<Entry> c = store.entries(KV, foreign)) {
                assertEquals(foreign, c.checkpoint(), "before the first entry, the point it was opened after");
                assertTrue(c.next());
                assertEquals(Key.of("b"), c.current().key());
                assertEquals(Checkpoint.after(Key.of("b")), c.checkpoint());
                assertTrue(c.next());
                assertFalse(c.next());
                assertEquals(Checkpoint.after(Key.of("c")), c.checkpoint(), "the end never moves backwards");
            }
        }
    }

    @Test
    void scopesAreNamespacesByIdThenObjectsByNamespaceAndId() throws IOException {
        KvNamespace b = new KvNamespace("bbbb", "B");
        KvNamespace a = new KvNamespace("aaaa", "A");
        KvNamespace empty = new KvNamespace("cccc", "EMPTY");
        DurableObject d2 = new DurableObject("ns2", "obj1");
        DurableObject d1b = new DurableObject("ns1", "obj2");
        DurableObject d1a = new DurableObject("ns1", "obj1");
        try (Store store = open()) {
            write(store, b, List.of(new Entry(b, Key.of("k"), bytes("v"), null, null)));
            write(store, d2, List.of(new Entry(d2, Key.of("k"), bytes("1"), null, null)));
            write(store, d1b, List.of(new Entry(d1b, Key.of("k"), bytes("1"), null, null)));
            List<Entry> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(new Entry(d1a, Key.of("k" + i), bytes("1"), null, null));
            }
            write(store, d1a, many);
            write(store, a, List.of(new Entry(a, Key.of("k"), bytes("v"), null, null)));
            store.open(empty, WriteMode.UPSERT).close();
            // Reopening a namespace under a new title keeps the newest title.
            store.open(new KvNamespace("aaaa", "A2"), WriteMode.UPSERT).close();

            List<Scope> scopes = new ArrayList<>();
            try (Cursor<Scope> c = store.scopes()) {
                assertEquals(Checkpoint.START, c.checkpoint());
                while (c.next()) {
                    scopes.add(c.current());
                    assertEquals(Checkpoint.after(Key.of(c.current().id())), c.checkpoint());
                }
            }
            assertEquals(List.of(new KvNamespace("aaaa", "A2"), b, empty, d1a, d1b, d2), scopes);
        }
    }

    private static void write(Store store, Scope scope, List<Entry> entries) throws IOException {
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            for (Entry e : entries) {
                w.put(e);
            }
            w.flush();
        }
    }

    private static Entry entry(String key) {
        return new Entry(KV, Key.of(key), bytes("v-" + key), null, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
