package dev.landfall.core.codec;

import java.io.InputStream;

/**
 * Delivers its bytes one per {@code read} call, however large the buffer, so a parser meets every
 * token boundary (and every multi-byte UTF-8 character) split across reads.
 */
final class OneByteInputStream extends InputStream {
    private final byte[] bytes;
    private int pos;

    OneByteInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= bytes.length) {
            return -1;
        }
        b[off] = bytes[pos++];
        return 1;
    }
}
