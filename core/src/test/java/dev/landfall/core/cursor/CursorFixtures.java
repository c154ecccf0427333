package dev.landfall.core.cursor;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A store holding some keys in one namespace, for the cursor decorators' tests to read through. */
final class CursorFixtures {
    static final KvNamespace KV = new KvNamespace("ns1", "SESSIONS");

    private CursorFixtures() {}

    /** A memory store whose {@link #KV} holds {@code keys}, each key's text its value. */
    static MemoryStore holding(String... keys) throws IOException {
        MemoryStore store = new MemoryStore("kv");
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (String k : keys) {
                w.put(new Entry(KV, Key.of(k), k.getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
        return store;
    }
}
