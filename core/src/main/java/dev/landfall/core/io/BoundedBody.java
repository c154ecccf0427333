package dev.landfall.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A request body read whole, up to a limit: what the sandbox and {@code landfall serve} accept. */
public final class BoundedBody {
    /** How much of a refused body is still read, so the client sees the answer rather than a reset. */
    private static final long DRAIN_BUDGET = 1L << 30;

    private BoundedBody() {}

    /**
     * The whole body, or empty when it is longer than {@code limit}; then the rest (up to 1 GiB) is
     * read and dropped, so the client finishes sending and reads the refusal.
     *
     * @throws IOException when the client goes away mid-body
     */
    public static Optional<byte[]> read(InputStream in, long limit) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, limit + 1);
        byte[] bytes = in.readNBytes(cap);
        if (bytes.length <= limit) {
            return Optional.of(bytes);
        }
        byte[] sink = new byte[64 * 1024];
        long budget = DRAIN_BUDGET;
        int n;
        while (budget > 0 && (n = in.read(sink)) > 0) {
            budget -= n;
        }
        return Optional.empty();
    }
}
