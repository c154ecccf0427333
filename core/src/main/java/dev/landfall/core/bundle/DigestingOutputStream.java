package dev.landfall.core.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes written through it. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    DigestingOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (digest != null) {
            digest.update((byte) b);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (digest != null) {
            digest.update(b, off, len);
        }
        count += len;
    }

    long count() {
        return count;
    }
}
