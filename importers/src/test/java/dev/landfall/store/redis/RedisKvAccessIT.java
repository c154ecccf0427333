package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.AbstractKvAccessContractTest;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The KvAccess contract against a real Redis, each test under a key prefix of its own; plus what is
 * particular to Redis: native expiry at the entry's expiration, and index members whose value Redis
 * already removed.
 */
class RedisKvAccessIT extends AbstractKvAccessContractTest {
    private final List<String> prefixes = new ArrayList<>();

    @Override
    protected KvAccess openAccess() {
        String prefix = RedisAdmin.prefixFor(UUID.randomUUID());
        prefixes.add(prefix);
        return new RedisStoreProvider().openKvAccess(StoreUri.parse(RedisAdmin.url(prefix)));
    }

    @AfterEach
    void dropKeys() {
        try (RedisAdmin admin = RedisAdmin.connect()) {
            for (String prefix : prefixes) {
                admin.drop(prefix);
            }
        }
    }

    @Test
    void aPutSetsNativeExpiryOnValueAndMetadata() throws IOException {
        access.put(new Entry(KV, Key.of("k"), bytes("v"), "{}", NOW + 7));
        access.put(new Entry(KV, Key.of("plain"), bytes("v"), "{}", null));

        try (RedisAdmin admin = RedisAdmin.connect()) {
            String base = prefixes.get(0) + "kv:" + KV.namespaceId();
            assertEquals((NOW + 7) * 1000, admin.jedis().pexpireTime(base + ":v:k"));
            assertEquals((NOW + 7) * 1000, admin.jedis().pexpireTime(base + ":m:k"));
            assertEquals(-1, admin.jedis().pexpireTime(base + ":v:plain"));
        }
    }

    @Test
    void aGetReadsOnAfterTheServerForgotItsScripts() throws IOException {
        access.put(new Entry(KV, Key.of("k"), bytes("v"), "{\"m\":1}", NOW + 100));
        assertEquals("{\"m\":1}", access.get(KV, Key.of("k"), NOW).orElseThrow().metadataJson());

        try (RedisAdmin admin = RedisAdmin.connect()) {
            admin.jedis().scriptFlush(); // as after a restart: the get's script is sent again
        }

        Entry read = access.get(KV, Key.of("k"), NOW).orElseThrow();
        assertEquals("v", new String(read.value(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{\"m\":1}", read.metadataJson());
        assertEquals(NOW + 100, read.expiration());
    }

    @Test
    void indexMembersWhoseValueIsGoneAreSkippedAndDoNotBreakCompleteness() throws IOException {
        for (String k : List.of("a", "b", "c", "d")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }
        try (RedisAdmin admin = RedisAdmin.connect()) {
            // As Redis leaves it when it expires a value key: the member stays in the index.
            String base = prefixes.get(0) + "kv:" + KV.namespaceId();
            admin.jedis().del(base + ":v:c", base + ":v:d");
        }

        KvAccess.KeyPage page = access.list(KV, "", null, 2, NOW);

        assertEquals(List.of("a", "b"), keys(page));
        assertEquals(true, page.complete());
        assertNull(access.get(KV, Key.of("c"), NOW).orElse(null));
    }

    @Test
    void aListRemovesTheMembersWhoseValueRedisExpiredAndKeepsTheOthers() throws IOException {
        for (String k : List.of("a", "b", "c", "d")) {
            access.put(new Entry(KV, Key.of(k), bytes(k), null, null));
        }
        String index = prefixes.get(0) + "kv:" + KV.namespaceId() + ":idx";
        try (RedisAdmin admin = RedisAdmin.connect()) {
            String base = prefixes.get(0) + "kv:" + KV.namespaceId();
            admin.jedis().del(base + ":v:b", base + ":v:d");

            assertEquals(List.of("a", "c"), keys(access.list(KV, "", null, 10, NOW)));

            assertEquals(List.of("a", "c"), admin.jedis().zrange(index, 0, -1));
        }
    }

    /**
     * A namespace nobody lists (sessions read by key) would keep one index member per expired key for
     * ever: the sweep walks every namespace's index a page a step and removes them. Written by hand
     * under a prefix no open store sweeps, so only the sweep under test removes anything.
     */
    @Test
    void theSweepRemovesTheMembersOfExpiredValuesInEveryNamespacePageByPage() {
        String prefix = RedisAdmin.prefixFor(UUID.randomUUID());
        prefixes.add(prefix);
        try (RedisAdmin admin = RedisAdmin.connect()) {
            for (String ns : List.of("0f2a", "ffff")) {
                admin.jedis().hset(prefix + "kv:namespaces", ns, "T" + ns);
                for (String k : List.of("a", "b", "c", "d", "e")) {
                    admin.jedis().set(prefix + "kv:" + ns + ":v:" + k, k);
                    admin.jedis().zadd(prefix + "kv:" + ns + ":idx", 0, k);
                }
            }
            String kv = prefix + "kv:0f2a";
            String other = prefix + "kv:ffff";
            admin.jedis().del(kv + ":v:a", kv + ":v:d", kv + ":v:e", other + ":v:c");
            RedisIndexSweep sweep = new RedisIndexSweep(admin.jedis(), new RedisLayout(prefix), 2);

            long removed = sweep.step();
            int steps = 1;
            while (!sweep.passDone()) {
                removed += sweep.step();
                steps++;
            }

            assertEquals(4, removed);
            assertEquals(6, steps, "three pages of two members in each namespace");
            assertEquals(List.of("b", "c"), admin.jedis().zrange(kv + ":idx", 0, -1));
            assertEquals(List.of("a", "b", "d", "e"), admin.jedis().zrange(other + ":idx", 0, -1));
            assertEquals(0, sweep.step(), "the next pass finds nothing more");
        }
    }
}
