package dev.landfall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    @Test
    void aBodyUpToTheLimitIsReadWhole() throws Exception {
        assertArrayEquals(
                new byte[] {1, 2, 3},
                BoundedBody.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3)
                        .orElseThrow());
        assertArrayEquals(
                new byte[0],
                BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0).orElseThrow());
    }

    @Test
    void aLongerBodyIsRefusedAndDrainedSoTheClientReadsTheAnswer() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[200_000]);
        assertTrue(BoundedBody.read(in, 10).isEmpty());
        assertEquals(0, in.available(), "the rest was read");
    }
}
