package dev.landfall.core.cursor;

import dev.landfall.core.model.Entry;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Reads a cursor on a thread of its own, up to a bound ahead of the consumer, so that decoding a
 * source (inflating and parsing a bundle, reading a database) overlaps with writing the store.
 * Each entry travels with the checkpoint the inner cursor gave just after it, so resuming is as
 * exact as without prefetching. An exception of the inner cursor reaches the consumer at the
 * point in the stream where it happened.
 *
 * <p>Only for a cursor whose source no other thread touches meanwhile (not the store being
 * written, whose connection the writer uses). Memory is bounded by entries and bytes held.
 */
public final class PrefetchingCursor extends AbstractCursor<Entry> {
    /** Entries handed over at once: a hand-off per entry would cost more than it saves. */
    static final int CHUNK = 256;
    /** Chunks held ahead at most: enough for a whole next batch while the store commits one. */
    static final int MAX_CHUNKS = 80;
    /** Value and key bytes held ahead at most (one larger chunk is always let through). */
    public static final long MAX_BYTES = 32L << 20;

    private record Item(Entry entry, Checkpoint checkpoint) {}

    private record Chunk(Item[] items, int size, long weight) {}

    private final Cursor<Entry> inner;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Thread reader;
    private long heldBytes;
    private boolean ended;
    private Chunk chunk;
    private int inChunk;

    private static final Object END = new Object();

    /** Starts reading {@code inner} ahead at once. */
    public PrefetchingCursor(Cursor<Entry> inner) {
        super(Objects.requireNonNull(inner, "inner").checkpoint());
        this.inner = inner;
        this.reader = new Thread(this::readAll, "landfall-prefetch");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        Item[] items = new Item[CHUNK];
        int n = 0;
        long weight = 0;
        try {
            while (!isClosed() && inner.next()) {
                Entry e = inner.current();
                items[n++] = new Item(e, inner.checkpoint());
                weight += weight(e);
                if (n == CHUNK || weight >= MAX_BYTES / MAX_CHUNKS) {
                    offer(new Chunk(items, n, weight), weight);
                    items = new Item[CHUNK];
                    n = 0;
                    weight = 0;
                }
            }
            if (n > 0) {
                offer(new Chunk(items, n, weight), weight);
            }
            offer(END, 0);
        } catch (IOException | RuntimeException | Error e) {
            // What was read before the failure is delivered first, so it surfaces at its place.
            if (n > 0) {
                offer(new Chunk(items, n, weight), weight);
            }
            offer(e, 0);
        }
    }

    private synchronized void offer(Object o, long weight) {
        while (!isClosed() && !queue.isEmpty() && (queue.size() >= MAX_CHUNKS || heldBytes + weight > MAX_BYTES)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (isClosed()) {
            return;
        }
        queue.addLast(o);
        heldBytes += weight;
        notifyAll();
    }

    private static long weight(Entry e) {
        return 64L + e.key().size() + e.value().length;
    }

    @Override
    public boolean next() throws IOException {
        if (isClosed()) {
            throw new IOException("cursor closed");
        }
        if (chunk != null && inChunk < chunk.size()) {
            Item item = chunk.items()[inChunk++];
            return deliver(item.entry(), item.checkpoint());
        }
        if (ended) {
            return end();
        }
        Object o;
        synchronized (this) {
            while (queue.isEmpty() && !isClosed()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the source");
                }
            }
            if (isClosed()) {
                throw new IOException("cursor closed");
            }
            o = queue.removeFirst();
            if (o instanceof Chunk c) {
                heldBytes -= c.weight();
            }
            notifyAll();
        }
        if (o instanceof Chunk c) {
            chunk = c;
            inChunk = 0;
            return next();
        }
        ended = true;
        chunk = null;
        end();
        if (o == END) {
            return false;
        }
        if (o instanceof IOException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) o;
    }

    @Override
    protected void onClose() throws IOException {
        synchronized (this) {
            queue.clear();
            notifyAll();
        }
        try {
            inner.close();
        } finally {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
