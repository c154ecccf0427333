package dev.landfall.core.diff;

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
    private final Cursor<Entry> source;
    private final Cursor<Entry> store;
    private final long now;
    private Entry nextSource;
    private Entry nextStore;
    private boolean started;
    private KeyChange current;
    private long expiredInSource;
    private long expiredInStore;
    private Checkpoint checkpoint;

    /**
     * @param source the source's entries of the scope, in key order
     * @param store the store's entries of the scope, in key order, opened after the same key
     * @param nowEpochSecond the instant expiry is judged at
     */
    public MergeJoin(Cursor<Entry> source, Cursor<Entry> store, long nowEpochSecond) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.now = nowEpochSecond;
        this.checkpoint = source.checkpoint();
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            nextSource = advanceSource();
            nextStore = advanceStore();
        }
        if (nextSource == null && nextStore == null) {
            current = null;
            checkpoint = source.checkpoint();
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
            nextStore = advanceStore();
        } else {
            ChangeKind kind = EntryComparison.same(nextSource, nextStore) ? ChangeKind.UNCHANGED : ChangeKind.UPDATE;
            current = new KeyChange(kind, nextSource.key(), nextStore, nextSource);
            consumeSource();
            nextStore = advanceStore();
        }
        return true;
    }

    private void consumeSource() throws IOException {
        // The checkpoint moves only with source entries that have been handed out: resuming after
        // it must neither skip a source key nor lose a delete of a store key before it.
        checkpoint = source.checkpoint();
        nextSource = advanceSource();
    }

    private Entry advanceSource() throws IOException {
        while (source.next()) {
            Entry e = source.current();
            if (!e.expiredAt(now)) {
                return e;
            }
            expiredInSource++;
        }
        return null;
    }

    private Entry advanceStore() throws IOException {
        while (store.next()) {
            Entry e = store.current();
            if (!e.expiredAt(now)) {
                return e;
            }
            expiredInStore++;
        }
        return null;
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
        return expiredInSource;
    }

    /** Store entries treated as absent because they had expired, so far. */
    public long expiredInStore() {
        return expiredInStore;
    }

    @Override
    public void close() throws IOException {
        try {
            source.close();
        } finally {
            store.close();
        }
    }
}
