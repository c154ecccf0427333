package dev.landfall.core.cursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.copy.CrashingSource;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
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

class PrefetchingCursorTest {
    private static final KvNamespace NS = new KvNamespace("aaaa", "A");

    @Test
    void deliversEveryEntryInOrderWithItsOwnCheckpoint() throws IOException {
        MemoryStore store = store(5000);
        List<String> keys = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Cursor<Entry> c = new PrefetchingCursor(store.entries(NS, Checkpoint.START))) {
            assertTrue(c.checkpoint().isStart());
            assertThrows(IllegalStateException.class, c::current);
            while (c.next()) {
                keys.add(c.current().key().text());
                checkpoints.add(c.checkpoint());
            }
            assertFalse(c.next());
        }
        List<String> expected = new ArrayList<>();
        try (Cursor<Entry> c = store.entries(NS, Checkpoint.START)) {
            while (c.next()) {
                expected.add(c.current().key().text());
                assertEquals(c.checkpoint(), checkpoints.get(expected.size() - 1));
            }
        }
        assertEquals(expected, keys);
    }

    @Test
    void aFailureArrivesWhereItHappenedInTheStream() throws IOException {
        Cursor<Entry> failing = new CrashingSource(store(1000), 700).entries(NS, Checkpoint.START);
        int seen = 0;
        try (Cursor<Entry> c = new PrefetchingCursor(failing)) {
            IOException e = assertThrows(IOException.class, () -> {
                while (c.next()) {
                    // counted below
                }
            });
            assertEquals("crash", e.getMessage());
        }
        try (Cursor<Entry> c =
                new PrefetchingCursor(new CrashingSource(store(1000), 700).entries(NS, Checkpoint.START))) {
            while (true) {
                try {
                    if (!c.next()) {
                        break;
                    }
                    seen++;
                } catch (IOException e) {
                    break;
                }
            }
        }
        assertEquals(700, seen, "every entry before the failure is delivered");
    }

    @Test
    void closingEarlyStopsTheReader() throws IOException {
        PrefetchingCursor c = new PrefetchingCursor(store(100_000).entries(NS, Checkpoint.START));
        assertTrue(c.next());
        c.close();
        c.close();
        assertThrows(IOException.class, c::next);
    }

    private static MemoryStore store(int count) throws IOException {
        MemoryStore store = new MemoryStore();
        try (ScopeWriter w = store.open(NS, WriteMode.UPSERT)) {
            for (int i = 0; i < count; i++) {
                w.put(new Entry(
                        NS, Key.of(String.format("k%06d", i)), ("v" + i).getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
        return store;
    }
}
