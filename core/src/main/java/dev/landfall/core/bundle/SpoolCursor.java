package dev.landfall.core.bundle;

import dev.landfall.core.bundle.EntrySpool.Region;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a scope's entries back from the regions an {@link EntrySpool} wrote them to, in part order,
 * after an optional key. The entries were checked as they were spooled, so nothing is checked
 * again; a region that ends early means the spool file itself was damaged, an internal error.
 */
final class SpoolCursor extends AbstractCursor<Entry> {
    private final Scope scope;
    private final List<Region> regions;
    private final Key after;
    private final ByteBuffer buffer = ByteBuffer.allocate(SpoolFile.BUFFER);
    private int index = -1;
    private Region region;
    /** The file position of the buffer's end. */
    private long position;

    SpoolCursor(Scope scope, List<Region> regions, Key after) {
        super(after == null ? Checkpoint.START : Checkpoint.after(after));
        this.scope = scope;
        this.regions = regions;
        this.after = after;
        buffer.limit(0);
    }

    @Override
    public boolean next() throws IOException {
        while (!isClosed()) {
            if (region == null || (position == region.end() && !buffer.hasRemaining())) {
                if (++index == regions.size()) {
                    return end();
                }
                region = regions.get(index);
                position = region.start();
                buffer.limit(0);
                continue;
            }
            Entry e = read();
            if (after == null || e.key().compareTo(after) > 0) {
                return deliver(e, Checkpoint.after(e.key()));
            }
        }
        return end();
    }

    private Entry read() throws IOException {
        Key key = Key.ofBytes(bytes(nextInt()));
        byte[] value = bytes(nextInt());
        int metadataLength = nextInt();
        String metadata = metadataLength < 0 ? null : new String(bytes(metadataLength), StandardCharsets.UTF_8);
        need(1);
        Long expiration = null;
        if (buffer.get() != 0) {
            need(8);
            expiration = buffer.getLong();
        }
        return new Entry(scope, key, value, metadata, expiration);
    }

    private int nextInt() throws IOException {
        need(4);
        return buffer.getInt();
    }

    private byte[] bytes(int length) throws IOException {
        byte[] out = new byte[length];
        int have = Math.min(length, buffer.remaining());
        buffer.get(out, 0, have);
        int rest = length - have;
        if (rest > buffer.capacity()) {
            ByteBuffer into = ByteBuffer.wrap(out, have, rest); // a large value: straight from the file
            while (into.hasRemaining()) {
                position += readAt(into);
            }
        } else if (rest > 0) {
            need(rest);
            buffer.get(out, have, rest);
        }
        return out;
    }

    /** Makes at least {@code n} bytes (at most the buffer's size) readable from the buffer. */
    private void need(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return;
        }
        buffer.compact();
        while (buffer.position() < n) {
            long room = Math.min(buffer.remaining(), region.end() - position);
            if (room <= 0) {
                throw new EOFException("spooled part ends early at byte " + position);
            }
            buffer.limit(buffer.position() + (int) room);
            position += readAt(buffer);
            buffer.limit(buffer.capacity());
        }
        buffer.flip();
    }

    private int readAt(ByteBuffer into) throws IOException {
        int n = region.file().read(into, position);
        if (n < 0) {
            throw new EOFException("spooled part ends early at byte " + position);
        }
        return n;
    }

    @Override
    protected void onClose() {
        // the spool's files belong to the spool, which closes them
    }
}
