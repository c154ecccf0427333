package dev.landfall.cloudflare.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvListPositionTest {
    @Test
    void roundTripsThroughACheckpoint() {
        KvListPosition p = new KvListPosition(Key.of("a/b"), "c2VlZA", "user:");
        Checkpoint c = p.toCheckpoint();
        assertEquals(Map.of("listCursor", "c2VlZA", "prefix", "user:"), c.position());
        assertEquals(Key.of("a/b"), c.lastKey());
        assertEquals(p, KvListPosition.from(c));
        assertEquals(new KvListPosition(Key.of("z"), "c2VlZA", "user:"), p.after(Key.of("z")));
    }

    @Test
    void theStartIsTheStart() {
        assertSame(Checkpoint.START, new KvListPosition(null, "", "").toCheckpoint());
        KvListPosition start = KvListPosition.from(Checkpoint.START);
        assertEquals(new KvListPosition(null, "", ""), start);
        assertNull(start.lastKey());
        KvListPosition foreign = KvListPosition.from(Checkpoint.after(Key.of("k")));
        assertEquals(new KvListPosition(Key.of("k"), "", ""), foreign, "a bare key lists from the top and skips");
    }

    @Test
    void wrongTypesAreAUsageError() {
        Checkpoint bad = new Checkpoint(Key.of("k"), Map.of("listCursor", 5L));
        assertEquals(
                ErrorKind.USAGE,
                assertThrows(LandfallException.class, () -> KvListPosition.from(bad))
                        .kind());
    }

    @Test
    void exactBytesRefusesLossyText() {
        assertArrayEquals("héllo 🔑".getBytes(StandardCharsets.UTF_8), ExactText.bytes("héllo 🔑"));
        assertArrayEquals(new byte[0], ExactText.bytes(""));
        assertNull(ExactText.bytes("a\uFFFDb"));
        assertNull(ExactText.bytes("a\uD800"));
        assertNull(ExactText.bytes("\uDC00a"));
        assertNull(ExactText.bytes("\uD800\uD800"));
    }
}
