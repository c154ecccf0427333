package dev.landfall.core.cursor;

import static dev.landfall.core.cursor.CursorFixtures.KV;
import static dev.landfall.core.cursor.CursorFixtures.holding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the mapping makes comes through, nulls passed over; the checkpoint is the inner cursor's. */
class MappingCursorTest {
    /** Each key's text in upper case; keys with a {@code b} passed over. */
    private static final class UpperKeys extends MappingCursor<Entry, String> {
        UpperKeys(Cursor<Entry> inner) {
            super(inner);
        }

        @Override
        protected String map(Entry e) {
            String key = e.key().toString();
            return key.contains("b") ? null : key.toUpperCase(Locale.ROOT);
        }
    }

    @Test
    void handsOutTheMappedElementsAndPassesOverNulls() throws IOException {
        MemoryStore store = holding("a1", "b1", "a2", "b2");
        List<String> seen = new ArrayList<>();
        try (Cursor<String> c = new UpperKeys(store.entries(KV, Checkpoint.START))) {
            while (c.next()) {
                seen.add(c.current());
            }
        }
        assertEquals(List.of("A1", "A2"), seen);
    }

    @Test
    void checkpointIsTheInnerCursorsEvenPastSkippedElements() throws IOException {
        MemoryStore store = holding("a1", "b1", "b2");
        try (Cursor<String> c = new UpperKeys(store.entries(KV, Checkpoint.START))) {
            assertTrue(c.next());
            assertEquals(Checkpoint.after(Key.of("a1")), c.checkpoint());
            assertFalse(c.next());
            assertEquals(Checkpoint.after(Key.of("b2")), c.checkpoint());
        }
    }

    @Test
    void noCurrentElementBeforeTheFirstOrAfterTheEnd() throws IOException {
        MemoryStore store = holding("a1");
        try (Cursor<String> c = new UpperKeys(store.entries(KV, Checkpoint.START))) {
            assertThrows(IllegalStateException.class, c::current);
            assertTrue(c.next());
            assertEquals("A1", c.current());
            assertFalse(c.next());
            assertThrows(IllegalStateException.class, c::current);
        }
    }
}
