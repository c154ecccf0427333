package dev.landfall.core.live;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A source's change log (docs/export-worker-protocol.md §7) and the reads that resolve a change
 * into the key's current state. Used from one thread.
 */
public interface ChangeLog extends Closeable {
    /** Where the log is, for messages; no secret. */
    String describe();

    /**
     * The log's layout.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE when capture is not set up there
     */
    CaptureInfo info() throws IOException;

    /** The changes of {@code shard} after {@code after}, at most {@code limit}. */
    ChangePage read(int shard, long after, int limit) throws IOException;

    /**
     * Removes the changes of {@code shard} up to {@code through}, only if its epoch is still {@code
     * epoch}.
     *
     * @return how many were removed
     * @throws dev.landfall.core.error.LandfallException FAILED when the epoch changed
     */
    long trim(int shard, String epoch, long through) throws IOException;

    /**
     * The application's Workers that can write what the run copies without recording it (bound to
     * one of its namespaces, with no change log bound), by name. Their writes would be lost.
     */
    List<String> uncapturedWriters() throws IOException;

    /** Gives {@code shard} a new epoch and clears its overflow, keeping its pending changes. */
    ShardState reset(int shard) throws IOException;

    /**
     * The current entries of the keys these changes name, all of one scope, in the same order:
     * empty for a key that is gone (deleted or expired). The expiration comes from the change:
     * reading a key does not give it.
     */
    List<Optional<Entry>> current(Scope scope, List<Change> changes) throws IOException;

    /**
     * The scopes an {@link Change.Op#OBJECT} change names, all re-read whole: the object's storage,
     * and its SQL tables when it has them.
     *
     * @throws IllegalArgumentException when the log records no object changes
     */
    default List<Scope> objectScopes(Change change) throws IOException {
        throw new IllegalArgumentException(describe() + " records no Durable Object changes");
    }

    /** Every entry {@code scope} holds now, in key order: an object's re-read. */
    default Cursor<Entry> entries(Scope scope) throws IOException {
        throw new IllegalArgumentException(describe() + " records no Durable Object changes");
    }
}
