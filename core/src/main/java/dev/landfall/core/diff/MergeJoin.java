package dev.landfall.core.diff;

import dev.landfall.core.io.Closing;
import dev.landfall.core.model.Entry;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.util.Objects;

/**
 * Walks a source scope and the same scope of a store side by side, both in key order, and tells
 * for every key what bringing the store in line with the source would do. Memory is one entry of
 * each side, whatever the size of the scope.
 *
 * <p>Expiry is judged at one instant: a source entry already expired is not a change but counted
 * in {@link #expiredInSource()}; a store entry already expired counts as absent (its key shows as
 * {@link ChangeKind#CREATE} when the source has it, and not at all otherwise), because readers of
 * the store must already ignore it.
 *
 * <p>{@link #checkpoint()} is the source cursor's: after a batch of changes is applied and made
 * durable, it is where a resumed join starts (with the store cursor opened after the same key).
 */
public final class MergeJoin implements KeyChanges {
    private final Side source;
    private final Side store;
    private boolean started;
    private KeyChange current;
    private Checkpoint checkpoint;

    /**
     * @param source the source's entries of the scope, in key order
     * @param store the store's entries of the scope, in key order, opened after the same key
     * @param nowEpochSecond the instant expiry is judged at
     */
    public MergeJoin(Cursor<Entry> source, Cursor<Entry> store, long nowEpochSecond) {
        this.source = new Side(Objects.requireNonNull(source, "source"), nowEpochSecond);
        this.store = new Side(Objects.requireNonNull(store, "store"), nowEpochSecond);
        this.checkpoint = source.checkpoint();
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            source.advance();
            store.advance();
        }
        Entry nextSource = source.next;
        Entry nextStore = store.next;
        if (nextSource == null && nextStore == null) {
            current = null;
            checkpoint = source.cursor.checkpoint();
            return false;
        }
        int order = nextSource == null
                ? 1
                : nextStore == null ? -1 : nextSource.key().compareTo(nextStore.key());
        if (order < 0) {
            current = new KeyChange(ChangeKind.CREATE, nextSource.key(), null, nextSource);
            consumeSource();
        } else if (order > 0) {
            current = new KeyChange(ChangeKind.DELETE, nextStore.key(), nextStore, null);
            store.advance();
        } else {
            ChangeKind kind = EntryComparison.same(nextSource, nextStore) ? ChangeKind.UNCHANGED : ChangeKind.UPDATE;
            current = new KeyChange(kind, nextSource.key(), nextStore, nextSource);
            consumeSource();
            store.advance();
        }
        return true;
    }

    private void consumeSource() throws IOException {
        // The checkpoint moves only with source entries that have been handed out: resuming after
        // it must neither skip a source key nor lose a delete of a store key before it.
        checkpoint = source.cursor.checkpoint();
        source.advance();
    }

    @Override
    public KeyChange current() {
        if (current == null) {
            throw new IllegalStateException("no current change: call next() first");
        }
        return current;
    }

    /**
     * The source checkpoint just after the last source entry handed out. Deletes reported after
     * it and before the next source entry belong to the next batch.
     */
    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public long expiredInSource() {
        return source.expired;
    }

    /** Store entries treated as absent because they had expired, so far. */
    public long expiredInStore() {
        return store.expired;
    }

    @Override
    public void close() throws IOException {
        Closing.inOrder(source.cursor, store.cursor);
    }

    /** One side of the join: its cursor, its next unexpired entry, and the expired ones passed over. */
    private static final class Side {
        final Cursor<Entry> cursor;
        final long now;
        Entry next;
        long expired;

        Side(Cursor<Entry> cursor, long now) {
            this.cursor = cursor;
            this.now = now;
        }

        /** Moves {@link #next} to the next unexpired entry, or null at the end. */
        void advance() throws IOException {
            while (cursor.next()) {
                Entry e = cursor.current();
                if (!e.expiredAt(now)) {
                    next = e;
                    return;
                }
                expired++;
            }
            next = null;
        }
    }
}
