package dev.landfall.core.cursor;

import static dev.landfall.core.cursor.CursorFixtures.KV;
import static dev.landfall.core.cursor.CursorFixtures.holding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the kept elements come through; the checkpoint is the inner cursor's. */
class FilteringCursorTest {
    @Test
    void passesOnOnlyWhatThePredicateKeeps() throws IOException {
        MemoryStore store = holding("a1", "b1", "a2", "b2");
        List<String> seen = new ArrayList<>();
        try (Cursor<Entry> c = new FilteringCursor<>(
                store.entries(KV, Checkpoint.START), e -> e.key().toString().contains("a"))) {
            while (c.next()) {
                seen.add(c.current().key().toString());
            }
        }
        assertEquals(List.of("a1", "a2"), seen);
    }

    @Test
    void checkpointIsTheInnerCursorsEvenPastSkippedElements() throws IOException {
        MemoryStore store = holding("a1", "b1", "b2");
        try (Cursor<Entry> c = new FilteringCursor<>(
                store.entries(KV, Checkpoint.START), e -> e.key().toString().contains("a"))) {
            assertTrue(c.next());
            assertEquals(Checkpoint.after(Key.of("a1")), c.checkpoint());
            assertFalse(c.next());
            assertEquals(Checkpoint.after(Key.of("b2")), c.checkpoint());
        }
    }
}
