package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * While the store holds its writes, batches into a range of a scope that holds no key go on one
 * COPY left open across flushes: all in at the commit and nothing before, other writes (a batch
 * below it, another scope, a read) end it first, and a key another session adds to its range fails
 * the import with nothing of it written.
 */
class PostgresHeldCopyIT {
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final DurableObject DO = new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee");

    private static String schema() {
        String s = PostgresTestServer.unique("lf_held_");
        SCHEMAS.add(s);
        return s;
    }

    private static PostgresStore open(String schema) {
        return PostgresTestServer.open(PostgresTestServer.url(schema) + "&writers=1");
    }

    private static Entry entry(Scope scope, String key, String value) {
        return new Entry(scope, Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** Puts the keys with the value and flushes them as one batch. */
    private static void batch(ScopeWriter w, Scope scope, String value, String... keys) throws IOException {
        for (String k : keys) {
            w.put(entry(scope, k, value + " " + k));
        }
        w.flush();
    }

    private static Map<String, String> read(PostgresStore store, Scope scope) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Cursor<Entry> c = store.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.put(c.current().key().text(), new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The rows of the scope's table another session sees (committed ones). */
    private static Map<String, String> committed(Connection other, String schema, String table) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        String value = table.equals("landfall_kv") ? "convert_from(value, 'UTF8')" : "value";
        try (PreparedStatement ps =
                        other.prepareStatement("SELECT key, " + value + " FROM \"" + schema + "\"." + table);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** COPY statements the server is running into the schema's KV table. */
    private static int copiesRunning(Connection other, String schema) throws SQLException {
        try (PreparedStatement ps = other.prepareStatement("SELECT count(*) FROM pg_stat_progress_copy p"
                        + " JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = 'landfall_kv'");
                ResultSet rs = bind(ps, schema).executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static PreparedStatement bind(PreparedStatement ps, String value) throws SQLException {
        ps.setString(1, value);
        return ps;
    }

    private static Map<String, String> values(String value, String... keys) {
        Map<String, String> out = new TreeMap<>();
        for (String k : keys) {
            out.put(k, value + " " + k);
        }
        return out;
    }

    @Test
    void batchesIntoAFreshScopeStayOnOneOpenCopyAndAreAllInAtTheCommitOnly() throws Exception {
        String schema = schema();
        try (PostgresStore store = open(schema);
                Connection other = PostgresTestServer.connect()) {
            store.holdWrites();
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                batch(w, KV, "v", "a", "b", "c");
                batch(w, KV, "v", "d", "e");
                batch(w, KV, "v", "f");
                assertEquals(1, copiesRunning(other, schema), "one COPY, still open after three flushes");
                assertEquals(Map.of(), committed(other, schema, "landfall_kv"));
            }
            store.commitHeld();
            assertEquals(0, copiesRunning(other, schema));
            assertEquals(values("v", "a", "b", "c", "d", "e", "f"), committed(other, schema, "landfall_kv"));
        }
    }

    @Test
    void batchesBelowTheCopiedKeysOfAnotherScopeAndReadsEndTheCopyFirst() throws Exception {
        String schema = schema();
        try (PostgresStore store = open(schema);
                Connection other = PostgresTestServer.connect()) {
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                batch(w, KV, "old", "b", "n");
            }
            store.holdWrites();
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT);
                    ScopeWriter d = store.open(DO, WriteMode.UPSERT)) {
                batch(w, KV, "new", "p", "q"); // above every key: a held COPY starts
                batch(w, KV, "new", "r", "s"); // continues it
                batch(w, KV, "new", "a", "b", "c"); // below it: ends it, merged ("b" updated)
                batch(w, KV, "new", "t"); // above again: a new held COPY
                for (String k : List.of("k1", "k2")) {
                    d.put(new Entry(DO, Key.of(k), ("\"" + k + "\"").getBytes(StandardCharsets.UTF_8), null, null));
                }
                d.flush(); // another table: ends the KV copy, starts one of its own
                batch(w, KV, "new", "u", "v");
                Map<String, String> expected = values("new", "a", "b", "c", "p", "q", "r", "s", "t", "u", "v");
                expected.put("n", "old n");
                assertEquals(expected, read(store, KV), "a read in the held transaction sees every batch");
                batch(w, KV, "new", "w", "x"); // after the read: a new held COPY
                expected.putAll(values("new", "w", "x"));
                assertEquals(values("old", "b", "n"), committed(other, schema, "landfall_kv"));
                store.commitHeld();
                assertEquals(expected, committed(other, schema, "landfall_kv"));
                assertEquals(Map.of("k1", "\"k1\"", "k2", "\"k2\""), committed(other, schema, "landfall_do"));
            }
        }
    }

    @Test
    void aMirrorBatchWithDeletesCopiesWithoutLeavingTheCopyOpen() throws Exception {
        String schema = schema();
        try (PostgresStore store = open(schema);
                Connection other = PostgresTestServer.connect()) {
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                batch(w, KV, "old", "a", "b");
            }
            store.holdWrites();
            try (ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
                w.delete(Key.of("a"));
                batch(w, KV, "new", "p", "q"); // nothing from "p" on, but a delete follows the copy
                assertEquals(0, copiesRunning(other, schema));
                batch(w, KV, "new", "r");
            }
            store.commitHeld();
            assertEquals(Map.of("b", "old b", "p", "new p", "q", "new q", "r", "new r"), committedIn(schema));
        }
    }

    @Test
    void aKeyAnotherSessionAddsToTheCopiedRangeFailsTheImportWithNothingWritten() throws Exception {
        String schema = schema();
        try (PostgresStore store = open(schema);
                Connection other = PostgresTestServer.connect()) {
            store.holdWrites();
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                batch(w, KV, "ours", "a", "b");
                try (PreparedStatement ps = other.prepareStatement("INSERT INTO \"" + schema
                        + "\".landfall_kv (namespace_id, key, value) VALUES (?, 'm', convert_to('theirs', 'UTF8'))")) {
                    ps.setString(1, KV.namespaceId());
                    ps.executeUpdate(); // committed: the open copy meets it on the primary key
                }
                LandfallException e = assertThrows(LandfallException.class, () -> {
                    batch(w, KV, "ours", "l", "m", "n");
                    store.commitHeld();
                });
                assertEquals(ErrorKind.TRANSIENT, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("another session wrote keys of " + KV.describe()), e.getMessage());
                assertTrue(
                        e.hint().orElseThrow().startsWith("nothing was written"),
                        e.hint().orElseThrow());
            }
        }
        assertEquals(Map.of("m", "theirs"), committedIn(schema));
        // Run again, the import merges with the key that is there now.
        try (PostgresStore store = open(schema)) {
            store.holdWrites();
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                batch(w, KV, "ours", "a", "b");
                batch(w, KV, "ours", "l", "m", "n");
            }
            store.commitHeld();
        }
        assertEquals(values("ours", "a", "b", "l", "m", "n"), committedIn(schema));
    }

    private static Map<String, String> committedIn(String schema) throws SQLException {
        try (Connection c = PostgresTestServer.connect()) {
            return committed(c, schema, "landfall_kv");
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
