package dev.landfall.core.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes written through it (hashing them is {@link java.security.DigestOutputStream}'s job). */
final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // FilterOutputStream would write one byte at a time.
        out.write(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }
}
