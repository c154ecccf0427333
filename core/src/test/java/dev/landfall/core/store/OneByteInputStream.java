package dev.landfall.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Delivers at most one byte per read and reports nothing available, as a slow network would
 * (Jackson's throttled test inputs). Every JSON reader is also tested through it (STYLE.md §9).
 */
public final class OneByteInputStream extends FilterInputStream {
    public OneByteInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int c = in.read();
        if (c < 0) {
            return -1;
        }
        b[off] = (byte) c;
        return 1;
    }

    @Override
    public long skip(long n) throws IOException {
        return in.read() < 0 ? 0 : 1;
    }

    @Override
    public int available() {
        return 0;
    }
}
