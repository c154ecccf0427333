package dev.landfall.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The first pass of an import holds a store read as a source to Workers KV's limits. */
class SourceCheckTest {
    private static final KvNamespace GOOD = new KvNamespace("aaaa", "GOOD");
    private static final KvNamespace BAD = new KvNamespace("bbbb", "BAD");
    private static final DurableObject OBJECT = new DurableObject("cccc", "obj");

    @Test
    void aStoreEntryOverAKvLimitNamesTheStoreTheKeyAndTheLimit() throws IOException {
        MemoryStore store = new MemoryStore("old");
        put(store, GOOD, "fine");
        put(store, BAD, "k".repeat(600));

        LandfallException e =
                assertThrows(LandfallException.class, () -> new SourceCheck(store).readThrough(s -> true));

        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals(
                "memory:old: key \"" + "k".repeat(600) + "\" in " + BAD.describe()
                        + ": the key is 600 bytes, over Workers KV's limit of 512 bytes (UTF-8)",
                e.getMessage());
        assertTrue(
                e.hint().orElseThrow().startsWith("nothing was written; "),
                e.hint().orElseThrow());
    }

    @Test
    void onlyTheSelectedScopesAreReadAndDurableObjectsKeepTheirOwnLimits() throws IOException {
        MemoryStore store = new MemoryStore("old");
        put(store, GOOD, "fine");
        put(store, BAD, "");
        put(store, OBJECT, "");

        new SourceCheck(store).readThrough(s -> !s.equals(BAD));

        assertThrows(LandfallException.class, () -> new SourceCheck(store).readThrough(s -> s.equals(BAD)));
    }

    private static void put(MemoryStore store, dev.landfall.core.model.Scope scope, String key) throws IOException {
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            w.put(new Entry(scope, Key.of(key), new byte[] {1}, null, null));
            w.flush();
        }
    }
}
