package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary COPY stream, byte by byte, as PostgreSQL's COPY documentation specifies it. */
class BinaryCopyOutTest {
    @Test
    void writesHeaderRowsAndTrailer() throws SQLException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BinaryCopyOut out = new BinaryCopyOut(sink::write);
        out.header();
        out.row(3);
        out.bytes(new byte[] {'k', 0, (byte) 0xff});
        out.bytes(null);
        out.int8(-2L);
        out.finish();

        ByteBuffer b = ByteBuffer.wrap(sink.toByteArray());
        byte[] signature = new byte[11];
        b.get(signature);
        assertArrayEquals(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0}, signature);
        assertEquals(0, b.getInt()); // flags
        assertEquals(0, b.getInt()); // header extension
        assertEquals(3, b.getShort());
        assertEquals(3, b.getInt());
        byte[] field = new byte[3];
        b.get(field);
        assertArrayEquals(new byte[] {'k', 0, (byte) 0xff}, field);
        assertEquals(-1, b.getInt()); // NULL
        assertEquals(8, b.getInt());
        assertEquals(-2L, b.getLong());
        assertEquals(-1, b.getShort()); // trailer
        assertEquals(0, b.remaining());
    }

    @Test
    void aFieldLargerThanTheBufferGoesStraightThrough() throws SQLException {
        byte[] big = new byte[BinaryCopyOut.BUFFER_SIZE * 3 + 7];
        Arrays.fill(big, (byte) 'x');
        List<byte[]> arrays = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        BinaryCopyOut out = new BinaryCopyOut((bytes, off, len) -> {
            arrays.add(bytes);
            all.write(bytes, off, len);
        });
        out.header();
        out.row(1);
        out.bytes(big);
        out.finish();
        assertSame(big, arrays.get(1), "the value itself is handed over, not a copy");
        assertEquals(19 + 2 + 4 + big.length + 2, all.size());
    }

    @Test
    void manySmallRowsFillTheBufferBeforeItIsSent() throws SQLException {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        BinaryCopyOut out = new BinaryCopyOut((bytes, off, len) -> {
            writes.add(len);
            all.write(bytes, off, len);
        });
        out.header();
        byte[] value = new byte[200];
        for (int i = 0; i < 10_000; i++) {
            out.row(2);
            out.bytes(value);
            out.int8((long) i);
        }
        out.finish();
        long expected = 19 + 10_000L * (2 + 4 + 200 + 4 + 8) + 2;
        assertEquals(expected, all.size());
        assertEquals(
                (expected + BinaryCopyOut.BUFFER_SIZE - 1) / BinaryCopyOut.BUFFER_SIZE, writes.size(), "" + writes);
    }
}
