package dev.landfall.core.cursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several sources read as one: scopes part after part, entries from the part that owns the scope. */
class SourceChainTest {
    private static final KvNamespace KV = new KvNamespace("ns1", "SESSIONS");
    private static final DurableObject OBJECT = new DurableObject("dons", "a".repeat(64));

    private static MemoryStore holding(Scope scope, String... keys) throws IOException {
        MemoryStore store = new MemoryStore(scope instanceof KvNamespace ? "kv" : "objects");
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            for (String k : keys) {
                w.put(new Entry(scope, Key.of(k), k.getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
        return store;
    }

    private static SourceChain chain(MemoryStore kv, MemoryStore objects) {
        return new SourceChain(List.of(
                new SourceChain.Part(kv, s -> s instanceof KvNamespace),
                new SourceChain.Part(objects, s -> s instanceof DurableObject)));
    }

    @Test
    void scopesComePartAfterPartAndEntriesFromTheOwningPart() throws IOException {
        try (SourceChain chain = chain(holding(KV, "a", "b"), holding(OBJECT, "x"))) {
            List<Scope> scopes = new ArrayList<>();
            try (Cursor<Scope> c = chain.scopes()) {
                while (c.next()) {
                    scopes.add(c.current());
                }
            }
            assertEquals(List.of(KV, OBJECT), scopes);
            assertEquals(List.of("a", "b"), keys(chain.entries(KV, Checkpoint.START)));
            assertEquals(List.of("x"), keys(chain.entries(OBJECT, Checkpoint.START)));
            assertEquals("memory:kv and memory:objects", chain.describe());
        }
    }

    @Test
    void aScopeNoPartOwnsIsRefused() throws IOException {
        try (SourceChain chain =
                new SourceChain(List.of(new SourceChain.Part(holding(KV, "a"), s -> s instanceof KvNamespace)))) {
            assertThrows(IllegalArgumentException.class, () -> chain.entries(OBJECT, Checkpoint.START));
        }
    }

    @Test
    void closingTheChainClosesEveryPart() throws IOException {
        MemoryStore kv = holding(KV, "a");
        MemoryStore objects = holding(OBJECT, "x");
        chain(kv, objects).close();
        assertThrows(IllegalStateException.class, kv::scopes);
        assertThrows(IllegalStateException.class, objects::scopes);
    }

    private static List<String> keys(Cursor<Entry> c) throws IOException {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.current().key().text());
            }
        }
        return out;
    }
}
