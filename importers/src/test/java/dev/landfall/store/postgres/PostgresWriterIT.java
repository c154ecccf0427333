package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Writer and cursor behaviour beyond the contract: text limits, duplicates, lost connections, big pages. */
class PostgresWriterIT {
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final DurableObject DO = new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee");

    private static String schema() {
        String s = PostgresTestServer.unique("lf_writer_");
        SCHEMAS.add(s);
        return s;
    }

    private static Entry kv(String key, String value) {
        return new Entry(KV, Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static Map<String, String> read(Store store, Scope scope) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Cursor<Entry> c = store.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.put(c.current().key().text(), new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void nulIsRejectedAtPutAndTheRestOfTheBatchStillFlushes() throws IOException {
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema()));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(kv("good", "1"));
            LandfallException key = assertThrows(LandfallException.class, () -> w.put(kv("bad\u0000key", "x")));
            assertEquals(ErrorKind.REJECTED, key.kind());
            assertTrue(
                    key.getMessage().contains("key of " + KV.describe() + " key \"bad\\u0000key\""), key.getMessage());
            assertTrue(key.getMessage().endsWith("PostgreSQL text cannot hold NUL (U+0000)"), key.getMessage());
            LandfallException meta = assertThrows(
                    LandfallException.class,
                    () -> w.put(new Entry(KV, Key.of("m"), new byte[0], "{\"a\":\"\u0000\"}", null)));
            assertTrue(meta.getMessage().contains("metadata of " + KV.describe() + " key \"m\""), meta.getMessage());
            w.flush();
            assertEquals(Map.of("good", "1"), read(store, KV));
            try (ScopeWriter d = store.open(DO, WriteMode.UPSERT)) {
                LandfallException value = assertThrows(
                        LandfallException.class,
                        () -> d.put(new Entry(DO, Key.of("k"), new byte[] {'"', 0, '"'}, null, null)));
                assertTrue(value.getMessage().contains("value of " + DO.describe()), value.getMessage());
                assertThrows(
                        IllegalArgumentException.class,
                        () -> d.put(new Entry(DO, Key.of("k"), new byte[] {'1'}, "{}", null)));
            }
        }
    }

    @Test
    void duplicateKeysInOneBatchKeepTheLastWrite() throws IOException {
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema()))) {
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                w.put(kv("a", "1"));
                w.put(kv("a", "2"));
                w.put(kv("c", "old"));
                w.put(kv("d", "old"));
                w.put(kv("a", "3"));
                w.flush();
            }
            try (ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
                w.put(kv("b", "added then deleted"));
                w.delete(Key.of("b"));
                w.put(kv("c", "new"));
                w.delete(Key.of("c")); // a delete after a put removes the key
                w.delete(Key.of("d"));
                w.put(kv("d", "back")); // a put after a delete brings it back
                w.put(kv("e", "1"));
                w.put(kv("e", "2"));
                w.flush();
            }
            try (ScopeWriter w = store.open(KV, WriteMode.CREATE_ONLY)) {
                w.put(kv("a", "not replaced"));
                w.put(kv("f", "first"));
                w.put(kv("f", "last"));
                w.flush();
            }
            assertEquals(Map.of("a", "3", "d", "back", "e", "2", "f", "last"), read(store, KV));
        }
    }

    @Test
    void aConnectionTerminatedMidFlushAppliesNothingAndTheFlushCanBeRetried() throws Exception {
        String schema = schema();
        List<Entry> original = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            original.add(kv(String.format("k-%04d", i), "old " + i));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // One writer: the whole batch is one transaction (several writers: one per key range, below).
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema) + "&writers=1");
                Connection blocker = PostgresTestServer.connect();
                Connection admin = PostgresTestServer.connect()) {
            ScopeWriter w = store.open(KV, WriteMode.MIRROR);
            for (Entry e : original) {
                w.put(e);
            }
            w.flush();

            Map<String, String> expected = new LinkedHashMap<>();
            original.forEach(e -> expected.put(e.key().text(), new String(e.value(), StandardCharsets.UTF_8)));
            for (int i = 0; i < 1500; i++) {
                String key = String.format("k-%04d", i);
                if (i >= 600 && i < 700) {
                    w.delete(Key.of(key));
                    expected.remove(key);
                } else {
                    w.put(kv(key, "new " + i));
                    expected.put(key, "new " + i);
                }
            }

            // Hold a row lock on k-0500, so the merge stops there with k-0000..k-0499 already updated.
            blocker.setAutoCommit(false);
            try (PreparedStatement ps = blocker.prepareStatement(
                    "UPDATE " + schema + ".landfall_kv SET value = value WHERE namespace_id = ? AND key = 'k-0500'")) {
                ps.setString(1, KV.namespaceId());
                assertEquals(1, ps.executeUpdate());
            }
            int blockerPid = pid(blocker);
            Future<?> flush = pool.submit(() -> {
                w.flush();
                return null;
            });
            Blocked writer = waitForBlocked(admin, blockerPid, "INSERT INTO");
            assertTrue(writer.query().startsWith("INSERT INTO"), writer.query());
            try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                ps.setInt(1, writer.pid());
                ps.executeQuery().close();
            }
            ExecutionException failed = assertThrows(ExecutionException.class, flush::get);
            LandfallException e = assertInstanceOf(LandfallException.class, failed.getCause());
            assertEquals(ErrorKind.TRANSIENT, e.kind(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("writing 1400 entries and deleting 100 of " + KV.describe()),
                    e.getMessage());
            blocker.rollback();

            Map<String, String> before = new LinkedHashMap<>();
            original.forEach(o -> before.put(o.key().text(), new String(o.value(), StandardCharsets.UTF_8)));
            assertEquals(before, rows(admin, schema), "no part of the batch was applied");

            w.flush(); // the same batch again, on a new connection
            w.close();
            assertEquals(expected, read(store, KV));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * With four writers a flush is four transactions over disjoint key ranges, each on its own
     * connection: every key lands once, with its last value, puts and deletes alike.
     */
    @Test
    void fourWritersApplyABatchAsTheLastWritePerKey() throws IOException {
        String schema = schema();
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema) + "&writers=4");
                ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
            Map<String, String> expected = new LinkedHashMap<>();
            // Out of key order, as a change stream may deliver them; 2,000 rows make 4 ranges of 500.
            for (int i = 1999; i >= 0; i--) {
                String key = String.format("k-%04d", i);
                w.put(kv(key, "v " + i));
                expected.put(key, "v " + i);
            }
            w.flush();
            assertEquals(sorted(expected), read(store, KV));

            for (int i = 0; i < 2000; i += 3) {
                String key = String.format("k-%04d", i);
                if (i % 2 == 0) {
                    w.delete(Key.of(key));
                    expected.remove(key);
                } else {
                    w.put(kv(key, "again " + i));
                    expected.put(key, "again " + i);
                }
            }
            for (int i = 2000; i < 2600; i++) {
                String key = String.format("k-%04d", i);
                w.put(kv(key, "new " + i));
                expected.put(key, "new " + i);
            }
            w.flush();
            assertEquals(sorted(expected), read(store, KV));
        }
    }

    /**
     * A connection lost in one key range fails the flush with the transient error of that range;
     * the other ranges may be in, and the retried flush (on a new connection) brings in the rest.
     */
    @Test
    void aRangeWhoseConnectionIsTerminatedFailsTheFlushAndTheRetryCompletesIt() throws Exception {
        String schema = schema();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema) + "&writers=2");
                Connection blocker = PostgresTestServer.connect();
                Connection admin = PostgresTestServer.connect()) {
            ScopeWriter w = store.open(KV, WriteMode.UPSERT);
            for (int i = 0; i < 1000; i++) {
                w.put(kv(String.format("k-%04d", i), "old " + i));
            }
            w.flush();
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < 1000; i++) {
                w.put(kv(String.format("k-%04d", i), "new " + i));
                expected.put(String.format("k-%04d", i), "new " + i);
            }
            // k-0750 is in the second range (k-0500..k-0999): its merge waits there until terminated.
            blocker.setAutoCommit(false);
            try (PreparedStatement ps = blocker.prepareStatement(
                    "UPDATE " + schema + ".landfall_kv SET value = value WHERE namespace_id = ? AND key = 'k-0750'")) {
                ps.setString(1, KV.namespaceId());
                assertEquals(1, ps.executeUpdate());
            }
            Future<?> flush = pool.submit(() -> {
                w.flush();
                return null;
            });
            Blocked writer = waitForBlocked(admin, pid(blocker), "");
            try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                ps.setInt(1, writer.pid());
                ps.executeQuery().close();
            }
            ExecutionException failed = assertThrows(ExecutionException.class, flush::get);
            LandfallException e = assertInstanceOf(LandfallException.class, failed.getCause());
            assertEquals(ErrorKind.TRANSIENT, e.kind(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("writing 500 entries and deleting 0 of " + KV.describe()), e.getMessage());
            blocker.rollback();
            Map<String, String> afterFailure = rows(admin, schema);
            assertEquals("old 750", afterFailure.get("k-0750"), "the terminated range was rolled back");

            w.flush();
            w.close();
            assertEquals(expected, read(store, KV));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return new LinkedHashMap<>(new java.util.TreeMap<>(m));
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The session waiting for the blocker's lock: its pid and query. Polls the server until one waits. */
    private record Blocked(int pid, String query) {}

    /** The backend of a statement starting with {@code statement} that waits for the blocker's lock. */
    private static Blocked waitForBlocked(Connection admin, int blockerPid, String statement)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (PreparedStatement ps = admin.prepareStatement(
                // The row's query is read a moment before pg_blocking_pids runs: only a row that itself
                // shows the lock wait holds the statement that waits, not the one before it. Even so,
                // a row can still show the statement before the one that waits (the COPY before the
                // merge, seen once in CI): only a row of the statement that must wait counts, and a
                // flush where it never waits fails at the deadline below.
                "SELECT pid, query FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND ? = ANY(pg_blocking_pids(pid))"
                        + " AND query LIKE ?")) {
            ps.setInt(1, blockerPid);
            ps.setString(2, statement + "%");
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Blocked(rs.getInt(1), rs.getString(2));
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the flush never waited for the blocker's lock");
    }

    private static Map<String, String> rows(Connection c, String schema) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT key, convert_from(value, 'UTF8') FROM " + schema + ".landfall_kv ORDER BY key")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /**
     * The direct COPY trusts nothing: a key another session inserts into the batch's range after
     * the range probe makes the COPY fail on the primary key, and the flush falls back to the merge.
     */
    @Test
    void aKeyInsertedConcurrentlyIntoAnEmptyRangeFallsBackToTheMerge() throws Exception {
        assertEquals(
                "ours m", concurrentInsertDuringDirectCopy(WriteMode.UPSERT).get("m"));
        assertEquals(
                "theirs",
                concurrentInsertDuringDirectCopy(WriteMode.CREATE_ONLY).get("m"));
    }

    private Map<String, String> concurrentInsertDuringDirectCopy(WriteMode mode) throws Exception {
        String schema = schema();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema));
                Connection other = PostgresTestServer.connect();
                Connection admin = PostgresTestServer.connect()) {
            ScopeWriter w = store.open(KV, mode);
            Map<String, String> expected = new LinkedHashMap<>();
            for (char k = 'a'; k <= 'z'; k++) {
                w.put(kv(String.valueOf(k), "ours " + k));
                expected.put(String.valueOf(k), "ours " + k);
            }
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("INSERT INTO " + schema
                    + ".landfall_kv (namespace_id, key, value) VALUES (?, 'm', convert_to('theirs', 'UTF8'))")) {
                ps.setString(1, KV.namespaceId());
                ps.executeUpdate();
            }
            Future<?> flush = pool.submit(() -> {
                w.flush();
                return null;
            });
            Blocked copy = waitForBlocked(admin, pid(other), "COPY \"" + schema + "\".landfall_kv");
            assertTrue(copy.query().startsWith("COPY \"" + schema + "\".landfall_kv"), copy.query());
            other.commit(); // now the copy meets 'm' on the primary key
            flush.get();
            w.close();
            Map<String, String> back = read(store, KV);
            expected.put("m", back.get("m"));
            assertEquals(expected, back);
            return back;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pagesOfLargeValuesAreCutByBytesAndLoseNothing() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            byte[] value = new byte[i % 4 == 0 ? 3 << 20 : 100 + i];
            random.nextBytes(value);
            entries.add(new Entry(KV, Key.of(String.format("big-%02d", i)), value, null, null));
        }
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema()))) {
            try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
                for (Entry e : entries) {
                    w.put(e);
                }
                w.flush();
            }
            List<Entry> back = new ArrayList<>();
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
                while (c.next()) {
                    back.add(c.current());
                }
                assertEquals(Checkpoint.after(Key.of("big-39")), c.checkpoint());
            }
            assertEquals(entries.size(), back.size());
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(entries.get(i).key(), back.get(i).key());
                assertArrayEquals(
                        entries.get(i).value(),
                        back.get(i).value(),
                        entries.get(i).key().text());
            }
        }
    }

    @Test
    void scopesPageThroughManyNamespacesAndObjects() throws IOException, SQLException {
        String schema = schema();
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema))) {
            PostgresTestServer.execute(
                    "INSERT INTO " + schema + ".landfall_kv_namespaces SELECT 'ns-' || lpad(i::text, 5, '0'),"
                            + " 'title ' || i FROM generate_series(1, 1003) i",
                    "INSERT INTO " + schema + ".landfall_do SELECT 'dons', 'obj-' || lpad(i::text, 5, '0'), k, '1'"
                            + " FROM generate_series(1, 2001) i, (VALUES ('a'), ('b')) keys(k)");
            List<Scope> scopes = new ArrayList<>();
            try (Cursor<Scope> c = store.scopes()) {
                while (c.next()) {
                    scopes.add(c.current());
                }
            }
            assertEquals(1003 + 2001, scopes.size());
            assertEquals(new KvNamespace("ns-00001", "title 1"), scopes.get(0));
            assertEquals(new KvNamespace("ns-01003", "title 1003"), scopes.get(1002));
            assertEquals(new DurableObject("dons", "obj-00001"), scopes.get(1003));
            assertEquals(new DurableObject("dons", "obj-02001"), scopes.get(scopes.size() - 1));
            assertEquals(scopes.size(), scopes.stream().distinct().count());
        }
    }

    @Test
    void anOpenedNamespaceExistsWithoutEntriesAndKeepsItsLatestTitle() throws IOException {
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema()))) {
            store.open(KV, WriteMode.UPSERT).close();
            store.open(new KvNamespace(KV.namespaceId(), "RENAMED"), WriteMode.UPSERT)
                    .close();
            List<Scope> scopes = new ArrayList<>();
            try (Cursor<Scope> c = store.scopes()) {
                while (c.next()) {
                    scopes.add(c.current());
                }
            }
            assertEquals(List.of(new KvNamespace(KV.namespaceId(), "RENAMED")), scopes);
            assertFalse(Arrays.asList(scopes.toArray()).contains(KV));
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
