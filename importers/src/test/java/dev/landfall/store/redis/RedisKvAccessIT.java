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
}
