package dev.landfall.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.digest.CanonicalJson;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Store} keeps, written once and run per implementation (rclone
 * {@code fstests}, Debezium {@code AbstractJdbcSinkInsertModeTest}). A subclass says how to open its
 * store in a directory and which optional behaviours it has:
 *
 * <pre>
 * class SqliteStoreTest extends AbstractStoreContractTest {
 *     protected Store openStore(Path dir) { return new SqliteStore(dir.resolve("db.sqlite")); }
 * }
 * </pre>
 *
 * Ordered-only stores (a bundle) return false from {@link #acceptsUnorderedWrites()}; stores that
 * publish at close return false from {@link #flushedEntriesVisibleBeforeClose()}. Every test writes
 * into {@link #storeDir()}, a fresh directory.
 */
public abstract class AbstractStoreContractTest {
    protected static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    protected static final KvNamespace OTHER_KV = new KvNamespace("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "FLAGS");
    protected static final DurableObject DO =
            new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee" + "0123456789".repeat(5) + "abcdefab");
    /** 2100-01-01, so no store drops the entries as expired during a test. */
    protected static final long FUTURE = 4_102_444_800L;

    @TempDir
    protected Path tempDir;

    /** Opens the store kept in the directory, creating it empty on first use. */
    protected abstract Store openStore(Path dir) throws IOException;

    /** Closes the store and opens it again, as the next process would. */
    protected Store reopen(Store store, Path dir) throws IOException {
        store.close();
        return openStore(dir);
    }

    /** Abandons the store without closing anything (a crash) and opens it again. */
    protected Store crashAndReopen(Store store, Path dir) throws IOException {
        return openStore(dir);
    }

    /** Whether writers take keys in any order; false skips those cases. */
    protected boolean acceptsUnorderedWrites() {
        return true;
    }

    /** Whether readers of the same open store see flushed entries before it is closed. */
    protected boolean flushedEntriesVisibleBeforeClose() {
        return true;
    }

    /** Where the store under test lives. */
    protected Path storeDir() {
        return tempDir.resolve("store");
    }

    // --- round trips -------------------------------------------------------------------------

    @Test
    void roundTripIsByteExact() throws IOException {
        List<Entry> kv = trickyKvEntries();
        List<Entry> dos = durableObjectEntries();
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, kv);
        write(store, DO, WriteMode.UPSERT, dos);
        store = reopen(store, storeDir());
        try {
            assertSameEntries(kv, readAll(store, KV));
            assertSameEntries(dos, readAll(store, DO));
        } finally {
            store.close();
        }
    }

    @Test
    void largeValuesRoundTrip() throws IOException {
        byte[] binary = new byte[1 << 20];
        new Random(7).nextBytes(binary);
        byte[] text = "héllo wörld 😀 ".repeat(60_000).getBytes(StandardCharsets.UTF_8);
        List<Entry> entries = List.of(
                new Entry(KV, Key.of("big-binary"), binary, null, null),
                new Entry(KV, Key.of("big-text"), text, "{\"size\":1}", FUTURE));
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        try {
            List<Entry> back = readAll(store, KV);
            assertEquals(2, back.size());
            assertArrayEquals(binary, back.get(0).value());
            assertArrayEquals(text, back.get(1).value());
            assertSameEntries(entries, back);
        } finally {
            store.close();
        }
    }

    @Test
    void metadataReadsBackAsTheSameJsonValue() throws IOException {
        Entry written = new Entry(KV, Key.of("m"), bytes("v"), "{ \"b\" : 2, \"a\" : [1, 1.50, \"x\"] }", null);
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(written));
        store = reopen(store, storeDir());
        try {
            Entry back = readAll(store, KV).get(0);
            assertEquals(
                    CanonicalJson.canonicalize(written.metadataJson()),
                    CanonicalJson.canonicalize(back.metadataJson()));
            assertEquals(EntryDigest.of(written), EntryDigest.of(back));
        } finally {
            store.close();
        }
    }

    // --- order ---------------------------------------------------------------------------------

    @Test
    void keysReadBackInUnsignedUtf8ByteOrder() throws IOException {
        // UTF-16 order would put "😀" (D83D…) before "Ａ" (FF21); UTF-8 bytes put it after (F0 > EF).
        List<String> expected = List.of("A", "a", "a b", "ab", "b", "~", "é", "Ａ", "😀");
        List<Entry> entries = new ArrayList<>();
        for (String k : expected) {
            entries.add(entry(KV, k, "v-" + k));
        }
        List<Entry> toWrite = new ArrayList<>(entries);
        if (acceptsUnorderedWrites()) {
            Collections.shuffle(toWrite, new Random(42));
        }
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, toWrite);
        store = reopen(store, storeDir());
        try {
            List<String> keys =
                    readAll(store, KV).stream().map(e -> e.key().text()).toList();
            assertEquals(expected, keys);
        } finally {
            store.close();
        }
    }

    @Test
    void writesInAnyKeyOrderReadBackSorted() throws IOException {
        assumeTrue(acceptsUnorderedWrites(), "this store is written in key order only");
        List<Entry> entries = numbered(KV, 30);
        List<Entry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(1));
        Store store = openStore(storeDir());
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (int i = 0; i < shuffled.size(); i++) {
                w.put(shuffled.get(i));
                if (i % 7 == 6) {
                    w.flush();
                }
            }
            w.flush();
        }
        store = reopen(store, storeDir());
        try {
            assertSameEntries(entries, readAll(store, KV));
        } finally {
            store.close();
        }
    }

    // --- write modes -----------------------------------------------------------------------------

    @Test
    void upsertIsIdempotent() throws IOException {
        List<Entry> entries = trickyKvEntries();
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        try {
            assertSameEntries(entries, readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void upsertReplacesGivenKeysAndKeepsTheOthers() throws IOException {
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "a", "1"), entry(KV, "b", "2"), entry(KV, "c", "3")));
        store = reopen(store, storeDir());
        Entry newB = new Entry(KV, Key.of("b"), bytes("two"), "{\"v\":2}", FUTURE);
        write(store, KV, WriteMode.UPSERT, List.of(newB, entry(KV, "d", "4")));
        store = reopen(store, storeDir());
        try {
            assertSameEntries(
                    List.of(entry(KV, "a", "1"), newB, entry(KV, "c", "3"), entry(KV, "d", "4")), readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void createOnlyKeepsExistingEntries() throws IOException {
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "a", "1"), entry(KV, "b", "2")));
        store = reopen(store, storeDir());
        write(store, KV, WriteMode.CREATE_ONLY, List.of(entry(KV, "b", "9"), entry(KV, "c", "3")));
        store = reopen(store, storeDir());
        try {
            assertSameEntries(
                    List.of(entry(KV, "a", "1"), entry(KV, "b", "2"), entry(KV, "c", "3")), readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void mirrorDeletesKeys() throws IOException {
        Store store = openStore(storeDir());
        write(
                store,
                KV,
                WriteMode.UPSERT,
                List.of(entry(KV, "a", "1"), entry(KV, "b", "2"), entry(KV, "c", "3"), entry(KV, "d", "4")));
        store = reopen(store, storeDir());
        try (ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
            w.put(entry(KV, "a", "one"));
            w.delete(Key.of("b"));
            w.delete(Key.of("d"));
            w.flush();
        }
        store = reopen(store, storeDir());
        try {
            assertSameEntries(List.of(entry(KV, "a", "one"), entry(KV, "c", "3")), readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void deleteNeedsMirrorMode() throws IOException {
        try (Store store = openStore(storeDir())) {
            for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.CREATE_ONLY)) {
                try (ScopeWriter w = store.open(KV, mode)) {
                    assertThrows(IllegalStateException.class, () -> w.delete(Key.of("a")), mode.toString());
                }
            }
        }
    }

    // --- flush, crash, resume -----------------------------------------------------------------------

    @Test
    void flushIsAllOrNothing() throws IOException {
        Store store = openStore(storeDir());
        ScopeWriter w = store.open(KV, WriteMode.UPSERT);
        w.put(entry(KV, "a", "1"));
        w.put(entry(KV, "b", "2"));
        if (flushedEntriesVisibleBeforeClose()) {
            assertEquals(List.of(), readAll(store, KV), "puts are invisible before flush");
        }
        w.flush();
        w.flush(); // idempotent
        w.put(entry(KV, "c", "3"));
        if (flushedEntriesVisibleBeforeClose()) {
            assertSameEntries(List.of(entry(KV, "a", "1"), entry(KV, "b", "2")), readAll(store, KV));
        }
        store = reopen(store, storeDir()); // c was never flushed
        try {
            assertSameEntries(List.of(entry(KV, "a", "1"), entry(KV, "b", "2")), readAll(store, KV));
        } finally {
            store.close();
        }
    }

    /**
     * The exporter's protocol: put, flush, then journal the checkpoint. A crash can come after a
     * flush and before its checkpoint is journaled, so the resumed run may send entries again that
     * the store already holds. For every journaled checkpoint, the result holds each entry once.
     */
    @Test
    void resumedWriterDuplicatesNothing() throws IOException {
        List<Entry> entries = numbered(KV, 20);
        int firstFlush = 8;
        int secondFlush = 14;
        for (int journaled = 0; journaled <= secondFlush; journaled++) {
            Path dir = tempDir.resolve("resume-" + journaled);
            Store store = openStore(dir);
            ScopeWriter w = store.open(KV, WriteMode.UPSERT);
            for (int i = 0; i < 16; i++) {
                w.put(entries.get(i));
                if (i + 1 == firstFlush || i + 1 == secondFlush) {
                    w.flush();
                }
            }
            store = crashAndReopen(store, dir); // entries 14 and 15 were never flushed
            try (ScopeWriter resumed = store.open(KV, WriteMode.UPSERT)) {
                for (int i = journaled; i < entries.size(); i++) {
                    resumed.put(entries.get(i));
                }
                resumed.flush();
            }
            store = reopen(store, dir);
            try {
                assertSameEntries(entries, readAll(store, KV), "resumed after entry " + journaled);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void resumesReadingFromEveryCheckpoint() throws IOException {
        List<Entry> entries = numbered(KV, 23);
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        try {
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
                assertTrue(c.checkpoint().isStart());
                while (c.next()) {
                    checkpoints.add(c.checkpoint());
                }
            }
            assertEquals(entries.size(), checkpoints.size());
            assertSameEntries(entries, readAll(store, KV, Checkpoint.START));
            for (int i = 0; i < checkpoints.size(); i++) {
                assertSameEntries(
                        entries.subList(i + 1, entries.size()),
                        readAll(store, KV, checkpoints.get(i)),
                        "after checkpoint " + i);
            }
        } finally {
            store.close();
        }
    }

    /**
     * Import and plan merge-join a source with the store they write into: one thread reads the
     * store's cursor and writes keys the cursor has already passed. The cursor must not be
     * disturbed by those writes, however many pages it spans.
     */
    @Test
    void cursorAndWriterInterleaveOnOneThread() throws IOException {
        assumeTrue(acceptsUnorderedWrites(), "this store is written in key order only");
        List<Entry> entries = numbered(KV, 2_500);
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        List<Entry> expected = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (ScopeWriter w = store.open(KV, WriteMode.MIRROR);
                Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
            int i = 0;
            while (c.next()) {
                Entry e = c.current();
                seen.add(e.key().text());
                if (i % 3 == 0) {
                    w.delete(e.key());
                } else if (i % 2 == 0) {
                    Entry changed = new Entry(KV, e.key(), bytes("changed " + i), "{\"c\":" + i + "}", null);
                    w.put(changed);
                    expected.add(changed);
                } else {
                    expected.add(e);
                }
                if (++i % 100 == 0) {
                    w.flush();
                }
            }
            w.flush();
        }
        assertEquals(
                entries.stream().map(e -> e.key().text()).toList(), seen, "the cursor saw every original key once");
        store = reopen(store, storeDir());
        try {
            assertSameEntries(expected, readAll(store, KV));
        } finally {
            store.close();
        }
    }

    // --- digests -----------------------------------------------------------------------------------

    @Test
    void digestOfWhatIsReadBackEqualsDigestOfWhatWasWrittenAndOfABundle() throws IOException {
        List<Entry> entries = new ArrayList<>(trickyKvEntries());
        entries.addAll(numbered(KV, 40));
        entries = sorted(entries);
        ScopeDigest written = digest(entries);

        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        store = reopen(store, storeDir());
        ScopeDigest readBack;
        try {
            readBack = digest(readAll(store, KV));
        } finally {
            store.close();
        }
        assertEquals(written, readBack);

        BundleStore bundle = BundleStore.open(tempDir.resolve("reference-bundle"));
        write(bundle, KV, WriteMode.UPSERT, entries);
        bundle.close();
        BundleStore reference = BundleStore.open(tempDir.resolve("reference-bundle"));
        try {
            assertEquals(readBack, reference.digest(KV).orElseThrow());
            assertEquals(readBack, digest(readAll(reference, KV)));
        } finally {
            reference.close();
        }
    }

    // --- scopes and lifecycle ---------------------------------------------------------------------

    @Test
    void scopesAreListedInAStableOrder() throws IOException {
        Store store = openStore(storeDir());
        write(store, OTHER_KV, WriteMode.UPSERT, List.of(entry(OTHER_KV, "x", "1")));
        write(store, DO, WriteMode.UPSERT, durableObjectEntries());
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "y", "2")));
        store = reopen(store, storeDir());
        try {
            List<Scope> first = scopes(store);
            assertEquals(first, scopes(store));
            assertTrue(first.containsAll(List.of(KV, OTHER_KV, DO)), first.toString());
        } finally {
            store.close();
        }
    }

    /**
     * docs/stores.md: every store holds a SQLite-backed object's SQL tables in its companion scope,
     * the object id followed by {@code :sql}, apart from the object's own storage.
     */
    @Test
    void sqlCompanionIsHeldBesideItsObject() throws IOException {
        DurableObject companion = new DurableObject(DO.namespaceId(), DO.objectId() + DurableObject.SQL_SUFFIX);
        List<Entry> tables = sorted(List.of(
                new Entry(companion, Key.of("schema"), bytes("[{\"type\":\"table\",\"name\":\"t\"}]"), null, null),
                new Entry(companion, Key.of("table/t/00000000000000000000"), bytes("[1,\"a\"]"), null, null),
                // the object's own key "counter" too: the two scopes must not share it
                new Entry(companion, Key.of("counter"), bytes("7"), null, null)));
        List<Entry> storage = durableObjectEntries();
        Store store = openStore(storeDir());
        write(store, DO, WriteMode.UPSERT, storage);
        write(store, companion, WriteMode.UPSERT, tables);
        store = reopen(store, storeDir());
        try {
            assertSameEntries(storage, readAll(store, DO));
            assertSameEntries(tables, readAll(store, companion));
            List<Scope> listed = scopes(store);
            assertTrue(listed.containsAll(List.of(DO, companion)), listed.toString());
            assertEquals(listed, scopes(store));
        } finally {
            store.close();
        }
    }

    @Test
    void entriesOfAnUnknownScopeAreEmpty() throws IOException {
        try (Store store = openStore(storeDir())) {
            assertEquals(List.of(), readAll(store, new KvNamespace("feedface", "NOPE")));
        }
    }

    @Test
    void cursorCurrentNeedsNext() throws IOException {
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "a", "1")));
        store = reopen(store, storeDir());
        try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
            assertThrows(IllegalStateException.class, c::current);
            assertTrue(c.next());
            assertEquals(Key.of("a"), c.current().key());
            assertFalse(c.next());
            assertThrows(IllegalStateException.class, c::current);
        } finally {
            store.close();
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        Store store = openStore(storeDir());
        ScopeWriter w = store.open(KV, WriteMode.UPSERT);
        w.put(entry(KV, "a", "1"));
        w.flush();
        w.close();
        w.close();
        store.close();
        store.close();
    }

    // --- helpers for subclasses -------------------------------------------------------------------------

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static Entry entry(Scope scope, String key, String value) {
        return new Entry(scope, Key.of(key), bytes(value), null, null);
    }

    /** {@code count} entries {@code key-0000…} with varied values, metadata and expirations, in key order. */
    protected static List<Entry> numbered(Scope scope, int count) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String meta = i % 3 == 0 ? "{\"i\":" + i + "}" : null;
            Long exp = i % 4 == 0 ? FUTURE + i : null;
            out.add(new Entry(scope, Key.of(String.format("key-%04d", i)), bytes("value " + i), meta, exp));
        }
        return out;
    }

    /** KV entries that break naive stores, in key order. */
    protected static List<Entry> trickyKvEntries() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        byte[] almostText = {'a', 'b', 'c', (byte) 0xff};
        byte[] surrogate = {'x', (byte) 0xed, (byte) 0xa0, (byte) 0x80}; // CESU-8 surrogate: not UTF-8
        List<Entry> entries = new ArrayList<>(List.of(
                new Entry(KV, Key.of("binary"), allBytes, null, null),
                new Entry(KV, Key.of("almost-text"), almostText, null, null),
                new Entry(KV, Key.of("surrogate"), surrogate, null, null),
                new Entry(KV, Key.of("empty"), new byte[0], null, null),
                new Entry(KV, Key.of("empty-with-metadata"), new byte[0], "{\"m\":true}", FUTURE),
                new Entry(KV, Key.of("é".repeat(256)), bytes("512-byte key"), null, null),
                new Entry(KV, Key.of("path/to?x=1&y=2#frag%20+plus and space"), bytes("url-ish key"), null, null),
                new Entry(KV, Key.of(" leading and trailing space "), bytes("spaces"), null, null),
                new Entry(KV, Key.of("😀 emoji"), bytes("héllo 😀 wörld"), null, null),
                new Entry(
                        KV,
                        Key.of("controls"),
                        bytes("line1\nline2\r\n\t\"quoted\" \\ \u0001\u007f\u2028"),
                        null,
                        null),
                new Entry(KV, Key.of("json-text"), bytes("{\"x\": 1, \"y\": [true, null]}"), null, null),
                new Entry(
                        KV,
                        Key.of("metadata"),
                        bytes("v"),
                        "{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":1.5e10,\"e\":-0.25},\"é\":\"ü\"}",
                        FUTURE),
                new Entry(KV, Key.of("metadata-string"), bytes("v"), "\"just a string\"", null),
                new Entry(KV, Key.of("expires"), bytes("soon"), null, FUTURE)));
        return sorted(entries);
    }

    /** Durable Object entries: typed-JSON values in UTF-8, in key order. */
    protected static List<Entry> durableObjectEntries() {
        return sorted(List.of(
                new Entry(DO, Key.of("counter"), bytes("42"), null, null),
                new Entry(
                        DO,
                        Key.of("created"),
                        bytes("{\"$t\":\"Date\",\"v\":\"2024-05-01T12:00:00.000Z\"}"),
                        null,
                        null),
                new Entry(
                        DO,
                        Key.of("profile"),
                        bytes(
                                "{\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"n\":{\"$t\":\"BigInt\",\"v\":\"12345678901234567890\"}}"),
                        null,
                        null),
                new Entry(DO, Key.of("spaced"), bytes("{ \"keeps\" : \"its whitespace\" }"), null, null)));
    }

    protected static List<Entry> sorted(Collection<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries);
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /** Opens a writer, puts everything, flushes and closes it. */
    protected static void write(Store store, Scope scope, WriteMode mode, List<Entry> entries) throws IOException {
        try (ScopeWriter w = store.open(scope, mode)) {
            for (Entry e : entries) {
                w.put(e);
            }
            w.flush();
        }
    }

    protected static List<Entry> readAll(Source source, Scope scope) throws IOException {
        return readAll(source, scope, Checkpoint.START);
    }

    protected static List<Entry> readAll(Source source, Scope scope, Checkpoint after) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Cursor<Entry> c = source.entries(scope, after)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    protected static List<Scope> scopes(Source source) throws IOException {
        List<Scope> out = new ArrayList<>();
        try (Cursor<Scope> c = source.scopes()) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    protected static ScopeDigest digest(List<Entry> entries) {
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        entries.forEach(acc::add);
        return acc.toDigest();
    }

    protected static void assertSameEntries(List<Entry> expected, List<Entry> actual) {
        assertSameEntries(expected, actual, "");
    }

    protected static void assertSameEntries(List<Entry> expected, List<Entry> actual, String context) {
        List<String> expectedKeys = expected.stream().map(e -> e.key().text()).toList();
        List<String> actualKeys = actual.stream().map(e -> e.key().text()).toList();
        assertEquals(expectedKeys, actualKeys, context + ": keys");
        for (int i = 0; i < expected.size(); i++) {
            Entry e = expected.get(i);
            Entry a = actual.get(i);
            String where = context + ": key '" + e.key() + "'";
            assertArrayEquals(e.value(), a.value(), where + " value");
            assertEquals(e.metadataJson(), a.metadataJson(), where + " metadata");
            assertEquals(e.expiration(), a.expiration(), where + " expiration");
            assertEquals(e.scope().id(), a.scope().id(), where + " scope");
            assertEquals(e, a, where);
        }
    }
}
