package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A flush split over four connections lands every key once, with its last write, in every mode. */
class RedisParallelWritersIT {
    private static final KvNamespace KV = new KvNamespace("9a1b2c3d4e5f60718293a4b5c6d7e8f9", "PARALLEL");

    private final Set<String> prefixes = new HashSet<>();

    @AfterEach
    void dropKeys() {
        try (RedisAdmin admin = RedisAdmin.connect()) {
            prefixes.forEach(admin::drop);
        }
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void fourWritersApplyTheLastWritePerKey(WriteMode mode) throws IOException {
        String prefix = RedisAdmin.prefixFor("parallel-" + mode + "-" + System.nanoTime());
        prefixes.add(prefix);
        String url = RedisAdmin.url(prefix) + "&writers=4";
        Map<String, String> expected = new TreeMap<>();
        try (RedisStore store = RedisStore.open(RedisStoreUri.parse(StoreUri.parse(url)), Clock.systemUTC());
                ScopeWriter w = store.open(KV, mode)) {
            // 2,000 keys, out of key order: four ranges of 500.
            for (int i = 1999; i >= 0; i--) {
                w.put(entry(i, "first " + i));
                expected.put(key(i), "first " + i);
            }
            w.flush();
            assertEquals(expected, read(store));

            for (int i = 0; i < 2600; i += 3) {
                if (mode == WriteMode.MIRROR && i % 2 == 0) {
                    w.delete(Key.of(key(i)));
                    expected.remove(key(i));
                } else {
                    w.put(entry(i, "second " + i));
                    if (mode != WriteMode.CREATE_ONLY || !expected.containsKey(key(i))) {
                        expected.put(key(i), "second " + i);
                    }
                }
            }
            w.flush();
            assertEquals(expected, read(store));
        }
    }

    private static String key(int i) {
        return String.format("k-%05d", i);
    }

    private static Entry entry(int i, String value) {
        return new Entry(KV, Key.of(key(i)), value.getBytes(StandardCharsets.UTF_8), "{\"i\":" + i + "}", null);
    }

    private static Map<String, String> read(RedisStore store) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
            while (c.next()) {
                out.put(c.current().key().text(), new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
