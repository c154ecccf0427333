package dev.landfall.store.redis;

import static dev.landfall.store.redis.RedisAdmin.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.WriteStrategy;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.AbstractStoreContractTest;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The store contract against a real Redis, each test directory mapped to a key prefix of its own
 * ({@code lf-test-<hash>:}) whose keys are dropped after the test; plus what is particular to
 * Redis: the documented layout, native expiry, the lazily repaired index.
 */
class RedisStoreIT extends AbstractStoreContractTest {
    /** 2024-05-01T00:00:00Z: "now" for the tests that need expired entries. */
    private static final long NOW = 1_714_521_600L;

    private final List<String> prefixes = new ArrayList<>();
    private final List<Store> stores = new ArrayList<>();

    @Override
    protected Store openStore(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    private Store open(Path dir, Clock clock) {
        String prefix = RedisAdmin.prefixFor(dir.toAbsolutePath());
        if (!prefixes.contains(prefix)) {
            prefixes.add(prefix);
        }
        Store store = RedisStore.open(RedisStoreUri.parse(StoreUri.parse(RedisAdmin.url(prefix))), clock);
        stores.add(store);
        return store;
    }

    private String prefix() {
        return RedisAdmin.prefixFor(storeDir().toAbsolutePath());
    }

    @AfterEach
    void dropKeys() throws IOException {
        for (Store s : stores) {
            s.close(); // including those a "crash" abandoned
        }
        if (prefixes.isEmpty()) {
            return;
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            for (String prefix : prefixes) {
                admin.drop(prefix);
            }
        }
    }

    // --- Redis specifics ------------------------------------------------------------------------

    @Test
    void layoutIsReadableWithPlainCommands() throws IOException {
        Entry withAll = new Entry(KV, Key.of("user:1"), bytes("{\"name\":\"Zoë\"}"), "{ \"v\" : 1 }", FUTURE);
        Entry plain = new Entry(KV, Key.of("plain"), new byte[] {0, (byte) 0xff, 'x'}, null, null);
        Entry state = new Entry(DO, Key.of("counter"), bytes("42"), null, null);
        try (Store store = openStore(storeDir())) {
            write(store, KV, WriteMode.UPSERT, List.of(withAll, plain));
            write(store, DO, WriteMode.UPSERT, List.of(state));
        }
        String p = prefix();
        String kv = p + "kv:" + KV.namespaceId() + ":";
        String object = DO.namespaceId() + ":" + DO.objectId();
        try (RedisAdmin admin = RedisAdmin.connect()) {
            Jedis r = admin.jedis();
            assertArrayEquals(withAll.value(), r.get(bytes(kv + "v:user:1")));
            assertEquals("{ \"v\" : 1 }", r.get(kv + "m:user:1"));
            assertEquals(FUTURE * 1000, r.pexpireTime(kv + "v:user:1"));
            assertEquals(FUTURE * 1000, r.pexpireTime(kv + "m:user:1"));
            assertArrayEquals(plain.value(), r.get(bytes(kv + "v:plain")));
            assertFalse(r.exists(kv + "m:plain"));
            assertEquals(-1, r.pexpireTime(kv + "v:plain"));
            assertEquals(List.of("plain", "user:1"), r.zrange(kv + "idx", 0, -1));
            assertEquals(0.0, r.zscore(kv + "idx", "plain"));
            assertEquals(KV.title(), r.hget(p + "kv:namespaces", KV.namespaceId()));
            assertEquals(List.of(object), r.zrange(p + "do:objects", 0, -1));
            assertEquals("42", r.get(p + "do:" + object + ":v:counter"));
            assertEquals(List.of("counter"), r.zrange(p + "do:" + object + ":idx", 0, -1));
        }
    }

    @Test
    void anEntryWhoseExpirationHasPassedIsNotWrittenAndDeletesTheOldCopy() throws IOException {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        Store store = open(storeDir(), clock);
        write(
                store,
                KV,
                WriteMode.UPSERT,
                List.of(new Entry(KV, Key.of("a"), bytes("1"), "{\"m\":1}", FUTURE), entry(KV, "keep", "k")));
        write(
                store,
                KV,
                WriteMode.UPSERT,
                List.of(
                        new Entry(KV, Key.of("a"), bytes("2"), "{\"m\":2}", NOW), // expires "now": gone
                        new Entry(KV, Key.of("b"), bytes("3"), null, NOW - 1)));
        write(store, KV, WriteMode.CREATE_ONLY, List.of(new Entry(KV, Key.of("c"), bytes("4"), null, NOW - 60)));
        try {
            assertSameEntries(List.of(entry(KV, "keep", "k")), readAll(store, KV));
        } finally {
            store.close();
        }
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            Jedis r = admin.jedis();
            assertFalse(r.exists(kv + "v:a"));
            assertFalse(r.exists(kv + "m:a"));
            assertFalse(r.exists(kv + "v:b"));
            assertFalse(r.exists(kv + "v:c"));
            assertEquals(List.of("keep"), r.zrange(kv + "idx", 0, -1));
        }
    }

    @Test
    void anUpsertWithoutExpirationOrMetadataClearsTheOldOnes() throws IOException {
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(new Entry(KV, Key.of("a"), bytes("1"), "{\"m\":1}", FUTURE)));
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "a", "2")));
        store = reopen(store, storeDir());
        try {
            assertSameEntries(List.of(entry(KV, "a", "2")), readAll(store, KV));
        } finally {
            store.close();
        }
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertEquals(-1, admin.jedis().pexpireTime(kv + "v:a"));
            assertFalse(admin.jedis().exists(kv + "m:a"));
        }
    }

    @Test
    void theFirstWriterOfANamespaceStillClearsMetadataItWroteItself() throws IOException {
        Store store = openStore(storeDir());
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) { // records the namespace: the first writer
            w.put(new Entry(KV, Key.of("b"), bytes("1"), "{\"m\":1}", null));
            w.put(new Entry(KV, Key.of("d"), bytes("1"), "{\"m\":1}", null));
            w.flush();
            w.put(entry(KV, "a", "2")); // below the keys written: its metadata key is deleted as ever
            w.put(entry(KV, "b", "2"));
            w.put(entry(KV, "c", "2"));
            w.put(entry(KV, "e", "2")); // above every key written: none can exist
            w.flush();
        }
        store = reopen(store, storeDir());
        try {
            assertSameEntries(
                    List.of(
                            entry(KV, "a", "2"),
                            entry(KV, "b", "2"),
                            entry(KV, "c", "2"),
                            new Entry(KV, Key.of("d"), bytes("1"), "{\"m\":1}", null),
                            entry(KV, "e", "2")),
                    readAll(store, KV));
        } finally {
            store.close();
        }
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertFalse(admin.jedis().exists(kv + "m:b"));
            assertEquals("{\"m\":1}", admin.jedis().get(kv + "m:d"));
        }
    }

    @Test
    void aFlushThatFailedPartlyCountsAsWrittenForTheMetadataItMayHaveLeft() throws IOException {
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            admin.jedis().hset(kv + "idx", "not", "a sorted set"); // ZADD fails; the MSET before it ran
        }
        Store store = openStore(storeDir());
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) { // the namespace's first writer
            w.put(new Entry(KV, Key.of("a"), bytes("1"), "{\"m\":1}", null));
            assertThrows(LandfallException.class, w::flush);
            try (RedisAdmin admin = RedisAdmin.connect()) {
                assertEquals("{\"m\":1}", admin.jedis().get(kv + "m:a")); // left by the failed batch
                admin.jedis().del(kv + "idx");
            }
            w.put(entry(KV, "a", "2")); // now without metadata
            w.flush();
        }
        store = reopen(store, storeDir());
        try {
            assertSameEntries(List.of(entry(KV, "a", "2")), readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void indexMembersWhoseValueIsGoneAreSkippedAndRemoved() throws IOException {
        List<Entry> entries = numbered(KV, 30);
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, entries);
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            // What Redis does when a value key expires: the key goes, its index member stays.
            admin.jedis().del(kv + "v:key-0003", kv + "m:key-0003", kv + "v:key-0017", kv + "v:key-0029");
        }
        List<Entry> expected = new ArrayList<>(entries);
        expected.remove(29);
        expected.remove(17);
        expected.remove(3);
        try {
            assertSameEntries(expected, readAll(store, KV));
        } finally {
            store.close();
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertEquals(27, admin.jedis().zcard(kv + "idx"));
            assertNull(admin.jedis().zscore(kv + "idx", "key-0017"));
        }
    }

    @Test
    void openedForReadingItWritesNothing() throws IOException {
        String prefix = RedisAdmin.prefixFor(storeDir().resolve("reading").toAbsolutePath());
        prefixes.add(prefix);
        StoreUri uri = StoreUri.parse(RedisAdmin.url(prefix));
        try (Source empty = new RedisStoreProvider().openForReading(uri)) {
            assertEquals(List.of(), scopes(empty));
            assertEquals(List.of(), readAll(empty, KV));
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertEquals(Set.of(), admin.jedis().keys(prefix + "*"), "opening created nothing");
        }
        try (Store store = new RedisStoreProvider().open(uri)) {
            write(store, KV, WriteMode.UPSERT, numbered(KV, 3));
        }
        String kv = prefix + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            admin.jedis().del(kv + "v:key-0001");
        }
        try (Source source = new RedisStoreProvider().openForReading(uri)) {
            assertEquals(List.of(KV), scopes(source));
            assertEquals(2, readAll(source, KV).size());
            assertThrows(IllegalStateException.class, () -> ((Store) source).open(KV, WriteMode.UPSERT));
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertEquals(3, admin.jedis().zcard(kv + "idx"), "the stale member stays");
        }
    }

    @Test
    void theLastOperationOnAKeyInABatchWins() throws IOException {
        Store store = openStore(storeDir());
        try (ScopeWriter w = store.open(KV, WriteMode.MIRROR)) {
            w.put(entry(KV, "a", "1"));
            w.put(new Entry(KV, Key.of("a"), bytes("2"), "{}", FUTURE));
            w.delete(Key.of("a"));
            w.put(entry(KV, "a", "3"));
            w.put(entry(KV, "b", "1"));
            w.delete(Key.of("b"));
            w.flush();
        }
        try (ScopeWriter w = store.open(KV, WriteMode.CREATE_ONLY)) {
            w.put(entry(KV, "c", "1"));
            w.put(new Entry(KV, Key.of("c"), bytes("2"), "{\"c\":2}", FUTURE));
            w.flush();
        }
        try {
            assertSameEntries(
                    List.of(entry(KV, "a", "3"), new Entry(KV, Key.of("c"), bytes("2"), "{\"c\":2}", FUTURE)),
                    readAll(store, KV));
        } finally {
            store.close();
        }
    }

    @Test
    void createOnlyWritesMetadataExpiryAndIndexOnlyForAbsentKeys() throws IOException {
        Store store = openStore(storeDir());
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "a", "1")));
        Entry newA = new Entry(KV, Key.of("a"), bytes("9"), "{\"a\":9}", FUTURE);
        Entry newB = new Entry(KV, Key.of("b"), bytes("2"), "{\"b\":2}", FUTURE);
        write(store, KV, WriteMode.CREATE_ONLY, List.of(newA, newB));
        write(store, DO, WriteMode.CREATE_ONLY, durableObjectEntries());
        try {
            assertSameEntries(List.of(entry(KV, "a", "1"), newB), readAll(store, KV));
            assertSameEntries(durableObjectEntries(), readAll(store, DO));
            assertTrue(scopes(store).contains(DO));
        } finally {
            store.close();
        }
        String kv = prefix() + "kv:" + KV.namespaceId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertFalse(admin.jedis().exists(kv + "m:a"));
            assertEquals(-1, admin.jedis().pexpireTime(kv + "v:a"));
        }
    }

    @Test
    void keysThatAreNotUtf8RoundTripInByteOrder() throws IOException {
        List<Entry> entries = List.of(
                new Entry(KV, Key.ofBytes(new byte[] {0}), bytes("zero"), null, null),
                new Entry(KV, Key.ofBytes(new byte[] {'a', 0, 'b'}), bytes("nul inside"), null, null),
                new Entry(KV, Key.ofBytes(new byte[] {(byte) 0x7f}), bytes("del"), null, null),
                new Entry(KV, Key.ofBytes(new byte[] {(byte) 0x80}), bytes("lone continuation"), "{}", FUTURE),
                new Entry(KV, Key.ofBytes(new byte[] {(byte) 0xff, (byte) 0xfe}), bytes("ff"), null, null));
        Store store = openStore(storeDir());
        write(
                store,
                KV,
                WriteMode.UPSERT,
                List.of(entries.get(4), entries.get(2), entries.get(0), entries.get(3), entries.get(1)));
        store = reopen(store, storeDir());
        try {
            List<Entry> back = readAll(store, KV);
            assertEquals(entries.size(), back.size());
            for (int i = 0; i < entries.size(); i++) {
                assertArrayEquals(
                        entries.get(i).key().bytes(), back.get(i).key().bytes());
                assertEquals(entries.get(i), back.get(i));
            }
        } finally {
            store.close();
        }
    }

    @Test
    void scopesListNamespacesByIdThenObjectsThatHoldEntries() throws IOException {
        KvNamespace empty = new KvNamespace("00aa", "EMPTY");
        DurableObject emptied =
                new DurableObject(DO.namespaceId(), "00" + DO.objectId().substring(2));
        Store store = openStore(storeDir());
        write(store, OTHER_KV, WriteMode.UPSERT, List.of(entry(OTHER_KV, "x", "1")));
        write(store, KV, WriteMode.UPSERT, List.of(entry(KV, "y", "2")));
        write(store, empty, WriteMode.UPSERT, List.of());
        write(store, DO, WriteMode.UPSERT, durableObjectEntries());
        write(store, emptied, WriteMode.UPSERT, List.of(entry(emptied, "k", "1")));
        try (ScopeWriter w = store.open(emptied, WriteMode.MIRROR)) {
            w.delete(Key.of("k"));
            w.flush();
        }
        store = reopen(store, storeDir());
        try {
            List<Scope> expected = List.of(empty, KV, OTHER_KV, DO);
            assertEquals(expected, scopes(store));
        } finally {
            store.close();
        }
    }

    @Test
    void idsHoldingTheSeparatorAreRefused() throws IOException {
        KvNamespace colon = new KvNamespace("a:v:b", "COLON");
        try (Store store = openStore(storeDir())) {
            LandfallException e = assertThrows(LandfallException.class, () -> store.open(colon, WriteMode.UPSERT));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("':'"), e.getMessage());
            assertEquals(List.of(), readAll(store, colon));
        }
    }

    @Test
    void aSqlCompanionHasKeysOfItsOwnUnderItsObject() throws IOException {
        DurableObject companion = new DurableObject(DO.namespaceId(), DO.objectId() + DurableObject.SQL_SUFFIX);
        try (Store store = openStore(storeDir())) {
            write(store, DO, WriteMode.UPSERT, List.of(new Entry(DO, Key.of("sql:v:k"), bytes("1"), null, null)));
            write(
                    store,
                    companion,
                    WriteMode.UPSERT,
                    List.of(new Entry(companion, Key.of("k"), bytes("2"), null, null)));
        }
        String object = prefix() + "do:" + DO.namespaceId() + ":" + DO.objectId() + ":";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            Jedis r = admin.jedis();
            // the object's own keys go on with v: or idx, its companion's with sql:
            assertEquals("1", r.get(object + "v:sql:v:k"));
            assertEquals("2", r.get(object + "sql:v:k"));
            assertEquals(List.of("k"), r.zrange(object + "sql:idx", 0, -1));
            assertEquals(
                    List.of(DO.namespaceId() + ":" + DO.objectId(), DO.namespaceId() + ":" + companion.objectId()),
                    r.zrange(prefix() + "do:objects", 0, -1));
        }
        try (Store store = openStore(storeDir())) {
            assertEquals(List.of(DO, companion), scopes(store));
            assertEquals(
                    List.of(Key.of("sql:v:k")),
                    readAll(store, DO).stream().map(Entry::key).toList());
            assertEquals(
                    List.of(Key.of("k")),
                    readAll(store, companion).stream().map(Entry::key).toList());
        }
    }

    @Test
    void aCopyRefusesUnstorableIdsBeforeItWritesAnything() throws IOException {
        // listed after DO, which a copy without the check has written by the time it meets this one
        DurableObject colon = new DurableObject(DO.namespaceId(), "ffff:ffff");
        MemoryStore source = new MemoryStore();
        write(source, DO, WriteMode.UPSERT, durableObjectEntries());
        write(source, colon, WriteMode.UPSERT, List.of(new Entry(colon, Key.of("k"), bytes("1"), null, null)));
        try (Store store = openStore(storeDir())) {
            Copier copier = new Copier(
                    source,
                    store,
                    WriteStrategy.allEntries(),
                    WriteMode.UPSERT,
                    CommitPolicy.DEFAULT,
                    Clock.systemUTC(),
                    CopyListener.NONE);
            LandfallException e = assertThrows(LandfallException.class, copier::copyAll);
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains(colon.describe()), e.getMessage());
            assertEquals(List.of(), scopes(store), "the object listed before it was not written either");
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            assertEquals(Set.of(), admin.jedis().keys(prefix() + "*"));
        }
    }

    @Test
    void aKeyOfAnotherTypeUnderThePrefixFailsTheBatchAndSaysSo() throws IOException {
        String index = prefix() + "kv:" + KV.namespaceId() + ":idx";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            admin.jedis().hset(index, "not", "a sorted set"); // another application's key
        }
        try (Store store = openStore(storeDir())) {
            for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.CREATE_ONLY)) {
                try (ScopeWriter w = store.open(KV, mode)) {
                    w.put(entry(KV, "new-in-" + mode, "1")); // UPSERT's MSET ran: a key of its own
                    LandfallException e = assertThrows(LandfallException.class, w::flush, mode.toString());
                    assertEquals(ErrorKind.FAILED, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("another type of value"), e.getMessage());
                    assertTrue(e.getMessage().contains("partly applied"), e.getMessage());
                    assertTrue(
                            e.hint().orElseThrow().contains("?prefix="),
                            e.hint().orElseThrow());
                }
            }
        }
    }

    @Test
    void durableObjectEntriesTakeNoMetadataOrExpiration() throws IOException {
        try (Store store = openStore(storeDir());
                ScopeWriter w = store.open(DO, WriteMode.UPSERT)) {
            assertThrows(
                    IllegalArgumentException.class, () -> w.put(new Entry(DO, Key.of("k"), bytes("1"), "{}", null)));
            assertThrows(IllegalArgumentException.class, () -> w.put(new Entry(DO, Key.of("k"), bytes("1"), null, 5L)));
            assertThrows(IllegalArgumentException.class, () -> w.put(entry(KV, "k", "1")));
        }
    }
}
