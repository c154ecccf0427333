package dev.landfall.store.postgres;

import java.sql.SQLException;
import java.util.Objects;

/**
 * Writes rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}): a
 * signature and header, per row a 16-bit field count and per field a 32-bit length ({@code -1} for
 * NULL) with the raw bytes, and a {@code -1} trailer. Binary COPY carries bytea and text exactly
 * as they are, with no escaping to get wrong and no hex doubling of binary values.
 *
 * <p>Small fields gather in one reused buffer; a field larger than the buffer goes to the server
 * directly, so a 25 MiB value is never copied.
 */
final class BinaryCopyOut {
    /** Where the bytes go: the driver's {@code CopyIn}, or a test's buffer. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xff,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags: no OIDs
        0,
        0,
        0,
        0 // header extension length
    };
    static final int BUFFER_SIZE = 1 << 16;

    private final Sink sink;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int used;

    BinaryCopyOut(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Writes the header; call once, first. */
    void header() throws SQLException {
        put(HEADER, 0, HEADER.length);
    }

    /** Starts a row of {@code fields} fields. */
    void row(int fields) throws SQLException {
        room(2);
        short16(fields);
    }

    /** A field holding these bytes, or NULL if null. */
    void bytes(byte[] value) throws SQLException {
        if (value == null) {
            room(4);
            int32(-1);
            return;
        }
        room(4);
        int32(value.length);
        put(value, 0, value.length);
    }

    /** A bigint field, or NULL if null. */
    void int8(Long value) throws SQLException {
        if (value == null) {
            room(4);
            int32(-1);
            return;
        }
        room(12);
        int32(8);
        long v = value;
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[used++] = (byte) (v >>> shift);
        }
    }

    /** Writes the trailer and hands over what is buffered. */
    void finish() throws SQLException {
        room(2);
        short16(-1);
        drain();
    }

    private void put(byte[] bytes, int offset, int length) throws SQLException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                sink.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, used, length);
        used += length;
    }

    private void room(int bytes) throws SQLException {
        if (buffer.length - used < bytes) {
            drain();
        }
    }

    private void drain() throws SQLException {
        if (used > 0) {
            sink.write(buffer, 0, used);
            used = 0;
        }
    }

    private void short16(int v) {
        buffer[used++] = (byte) (v >>> 8);
        buffer[used++] = (byte) v;
    }

    private void int32(int v) {
        buffer[used++] = (byte) (v >>> 24);
        buffer[used++] = (byte) (v >>> 16);
        buffer[used++] = (byte) (v >>> 8);
        buffer[used++] = (byte) v;
    }
}
