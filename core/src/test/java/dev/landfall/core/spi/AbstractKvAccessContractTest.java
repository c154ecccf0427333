package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess.KeyInfo;
import dev.landfall.core.spi.KvAccess.KeyPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link KvAccess} keeps, written once and run per store; {@link MemoryKvAccess}
 * is the reference. A subclass opens an empty store for each test:
 *
 * <pre>
 * class SqliteKvAccessTest extends AbstractKvAccessContractTest {
 *     protected KvAccess openAccess() { return provider.openKvAccess(StoreUri.parse("sqlite:" + file)); }
 * }
 * </pre>
 *
 * Time is the {@code now} argument, never the clock: every expiration here lies in 2100, so a store
 * with native expiry (Redis) keeps the entries, and "expired" means expired at the {@code now} given.
 */
public abstract class AbstractKvAccessContractTest {
    protected static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    protected static final KvNamespace OTHER_KV = new KvNamespace("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "FLAGS");
    /** 2100-01-01: the "now" of every test. */
    protected static final long NOW = 4_102_444_800L;

    protected KvAccess access;

    /** Opens the store under test, empty. Called once per test. */
    protected abstract KvAccess openAccess() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        access = openAccess();
    }

    @AfterEach
    void closeStore() throws IOException {
        if (access != null) {
            access.close();
        }
    }

    @Test
    void getReturnsWhatPutStoredByteForByte() throws IOException {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String metadata = "{ \"owner\":\"ana\",  \"n\":1.50, \"ü\":[true,null] }";
        access.put(new Entry(KV, Key.of("blob"), binary, metadata, NOW + 60));

        Entry read = access.get(KV, Key.of("blob"), NOW).orElseThrow();

        assertArrayEquals(binary, read.value());
        assertEquals(metadata, read.metadataJson());
        assertEquals(NOW + 60, read.expiration());
        assertEquals(Key.of("blob"), read.key());
        assertEquals(KV.namespaceId(), ((KvNamespace) read.scope()).namespaceId());
    }

    @Test
    void emptyValueWithoutMetadataOrExpirationIsKept() throws IOException {
        access.put(new Entry(KV, Key.of("empty"), new byte[0], null, null));

        Entry read = access.get(KV, Key.of("empty"), NOW).orElseThrow();

        assertEquals(0, read.value().length);
        assertEquals(null, read.metadataJson());
        assertEquals(null, read.expiration());
    }

    @Test
    void putReplacesEverythingOfAKey() throws IOException {
        access.put(new Entry(KV, Key.of("k"), bytes("one"), "{\"v\":1}", NOW + 60));
        access.put(new Entry(KV, Key.of("k"), bytes("two"), null, null));

        Entry read = access.get(KV, Key.of("k"), NOW).orElseThrow();

        assertArrayEquals(bytes("two"), read.value());
        assertEquals(null, read.metadataJson());
        assertEquals(null, read.expiration());
    }

    @Test
    void missingKeysAndNamespacesReadAsAbsent() throws IOException {
        access.put(new Entry(KV, Key.of("k"), bytes("v"), null, null));

        assertEquals(Optional.empty(), access.get(KV, Key.of("other"), NOW));
        assertEquals(Optional.empty(), access.get(OTHER_KV, Key.of("k"), NOW));
        KeyPage page = access.list(OTHER_KV, "", null, 10, NOW);
        assertEquals(List.of(), page.keys());
        assertTrue(page.complete());
    }

    @Test
    void deleteRemovesOnlyThatKeyAndAMissingKeyIsNoError() throws IOException {
        access.put(new Entry(KV, Key.of("a"), bytes("1"), null, null));
        access.put(new Entry(KV, Key.of("b"), bytes("2"), null, null));
        access.put(new Entry(OTHER_KV, Key.of("a"), bytes("3"), null, null));

        access.delete(KV, Key.of("a"));
        access.delete(KV, Key.of("a"));
        access.delete(KV, Key.of("never"));
        access.delete(new KvNamespace("00000000000000000000000000000000", "NONE"), Key.of("a"));

        assertEquals(Optional.empty(), access.get(KV, Key.of("a"), NOW));
        assertTrue(access.get(KV, Key.of("b"), NOW).isPresent());
        assertTrue(access.get(OTHER_KV, Key.of("a"), NOW).isPresent());
    }

    @Test
    void aPutCreatesItsNamespaceWithItsTitle() throws IOException {
        access.put(new Entry(OTHER_KV, Key.of("k"), bytes("v"), null, null));
        access.put(new Entry(KV, Key.of("k"), bytes("v"), null, null));

        assertEquals(List.of(KV, OTHER_KV), access.namespaces());
    }

    @Test
    void anEntryExpiredAtNowIsInvisible() throws IOException {
        access.put(new Entry(KV, Key.of("short"), bytes("v"), "{\"m\":1}", NOW + 10));
        access.put(new Entry(KV, Key.of("long"), bytes("v"), null, NOW + 11));

        assertTrue(access.get(KV, Key.of("short"), NOW + 9).isPresent());
        assertEquals(Optional.empty(), access.get(KV, Key.of("short"), NOW + 10));
        assertEquals(Optional.empty(), access.get(KV, Key.of("short"), NOW + 11));
        assertEquals(List.of("long"), keys(access.list(KV, "", null, 10, NOW + 10)));
        assertEquals(List.of("long", "short"), keys(access.list(KV, "", null, 10, NOW + 9)));
    }

    @Test
    void listShowsMetadataAndExpirationButNoValue() throws IOException {
        access.put(new Entry(KV, Key.of("a"), bytes("v"), "{\"x\":[1,2]}", NOW + 60));
        access.put(new Entry(KV, Key.of("b"), bytes("v"), null, null));

        List<KeyInfo> keys = access.list(KV, "", null, 10, NOW).keys();

        assertEquals(
                List.of(new KeyInfo(Key.of("a"), "{\"x\":[1,2]}", NOW + 60), new KeyInfo(Key.of("b"), null, null)),
                keys);
    }

    @Test
    void listPagesThroughAllKeysAfterTheLastOneAndSaysWhenComplete() throws IOException {
        for (String k : List.of("e", "a", "d", "b", "c")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }

        KeyPage first = access.list(KV, "", null, 2, NOW);
        KeyPage second = access.list(KV, "", Key.of("b"), 2, NOW);
        KeyPage third = access.list(KV, "", Key.of("d"), 2, NOW);
        KeyPage exact = access.list(KV, "", Key.of("a"), 4, NOW);

        assertEquals(List.of("a", "b"), keys(first));
        assertFalse(first.complete());
        assertEquals(List.of("c", "d"), keys(second));
        assertFalse(second.complete());
        assertEquals(List.of("e"), keys(third));
        assertTrue(third.complete());
        assertEquals(List.of("b", "c", "d", "e"), keys(exact));
        assertTrue(exact.complete(), "a page that ends exactly at the last key is complete");
    }

    @Test
    void expiredKeysAfterAPageBoundaryLeaveThePageComplete() throws IOException {
        access.put(new Entry(KV, Key.of("a"), bytes("v"), null, null));
        access.put(new Entry(KV, Key.of("b"), bytes("v"), null, NOW + 100));
        access.put(new Entry(KV, Key.of("c"), bytes("v"), null, NOW));
        access.put(new Entry(KV, Key.of("d"), bytes("v"), null, NOW - 1));
        access.put(new Entry(KV, Key.of("e"), bytes("v"), null, NOW + 5));

        KeyPage page = access.list(KV, "", null, 2, NOW);
        KeyPage later = access.list(KV, "", null, 2, NOW + 5);
        KeyPage earlier = access.list(KV, "", null, 2, NOW - 2);

        assertEquals(List.of("a", "b"), keys(page));
        assertFalse(page.complete(), "e is still live");
        assertEquals(List.of("a", "b"), keys(later));
        assertTrue(later.complete(), "c, d and e have expired");
        assertEquals(List.of("a", "b"), keys(earlier));
        assertFalse(earlier.complete());
        assertEquals(List.of("c", "d", "e"), keys(access.list(KV, "", Key.of("b"), 10, NOW - 2)));
    }

    @Test
    void listKeepsToThePrefix() throws IOException {
        for (String k : List.of("user", "user/1", "user/2", "user/2/x", "user0", "userx", "usea", "v", "%_\\")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }

        KeyPage page = access.list(KV, "user/", null, 10, NOW);
        KeyPage paged = access.list(KV, "user/", Key.of("user/1"), 1, NOW);
        KeyPage last = access.list(KV, "user/", Key.of("user/2"), 1, NOW);

        assertEquals(List.of("user/1", "user/2", "user/2/x"), keys(page));
        assertTrue(page.complete());
        assertEquals(List.of("user/2"), keys(paged));
        assertFalse(paged.complete());
        assertEquals(List.of("user/2/x"), keys(last));
        assertTrue(last.complete(), "user0 sorts after but does not match");
        assertEquals(List.of("%_\\"), keys(access.list(KV, "%_", null, 10, NOW)));
        assertEquals(List.of(), keys(access.list(KV, "w", null, 10, NOW)));
    }

    @Test
    void anAfterKeyBeforeThePrefixStartsAtThePrefix() throws IOException {
        for (String k : List.of("a", "b/1", "b/2", "c")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }

        assertEquals(List.of("b/1", "b/2"), keys(access.list(KV, "b/", Key.of("a"), 10, NOW)));
        assertEquals(List.of(), keys(access.list(KV, "b/", Key.of("c"), 10, NOW)));
    }

    @Test
    void listOrdersByUnsignedUtf8Bytes() throws IOException {
        // Java's String order puts the emoji (a surrogate pair, 0xD83D…) before U+FF21; UTF-8 bytes do not.
        List<String> inByteOrder = List.of("Z", "a", "z", "é", "Ａ", "Ａb", "😀", "😀/x");
        for (String k : List.of("😀/x", "é", "Ａb", "a", "😀", "Z", "Ａ", "z")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }

        assertEquals(inByteOrder, keys(access.list(KV, "", null, 100, NOW)));
        assertEquals(List.of("😀", "😀/x"), keys(access.list(KV, "😀", null, 100, NOW)));
        assertEquals(List.of("Ａb", "😀", "😀/x"), keys(access.list(KV, "", Key.of("Ａ"), 100, NOW)));
        assertArrayEquals(
                bytes("é"), access.get(KV, Key.of("é"), NOW).orElseThrow().value());
    }

    @Test
    void keysOf512BytesAndWithSlashesWork() throws IOException {
        Key longKey = Key.of("ü".repeat(255) + "ab");
        Key slashes = Key.of("/a//b/../c/");
        assertEquals(512, longKey.size());
        access.put(new Entry(KV, longKey, bytes("long"), null, null));
        access.put(new Entry(KV, slashes, bytes("slashes"), null, null));

        assertArrayEquals(
                bytes("long"), access.get(KV, longKey, NOW).orElseThrow().value());
        assertArrayEquals(
                bytes("slashes"), access.get(KV, slashes, NOW).orElseThrow().value());
        assertEquals(List.of(slashes.text(), longKey.text()), keys(access.list(KV, "", null, 10, NOW)));
        access.delete(KV, longKey);
        assertEquals(Optional.empty(), access.get(KV, longKey, NOW));
    }

    @Test
    void eightThreadsPutAndGetAtOnce() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    int seen = 0;
                    for (int i = 0; i < perThread; i++) {
                        Key key = Key.of("t" + thread + "/" + i);
                        access.put(new Entry(KV, key, bytes(key.text()), "{\"t\":" + thread + "}", null));
                        Entry read = access.get(KV, key, NOW).orElseThrow();
                        seen += new String(read.value(), StandardCharsets.UTF_8).equals(key.text()) ? 1 : 0;
                        access.get(KV, Key.of("t" + ((thread + 1) % threads) + "/" + i), NOW);
                    }
                    return seen;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(perThread, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        KeyPage all = access.list(KV, "", null, 1000, NOW);
        assertEquals(threads * perThread, all.keys().size());
        assertTrue(all.complete());
        for (int t = 0; t < threads; t++) {
            assertEquals(
                    perThread,
                    access.list(KV, "t" + t + "/", null, 1000, NOW).keys().size());
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        access.put(new Entry(KV, Key.of("k"), bytes("v"), null, null));

        access.close();
        access.close();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static List<String> keys(KeyPage page) {
        return page.keys().stream().map(k -> k.key().text()).toList();
    }
}
