package dev.landfall.core.store;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.util.Objects;

/**
 * The part of a {@link ScopeWriter} every store that buffers until {@link #flush()} shares: the
 * checks of {@code put} and {@code delete}, a flush that does nothing without a buffer and empties
 * it only once it is applied (so a failed flush can be retried), and a close that drops what was
 * not flushed. A subclass keeps the buffer and applies it.
 */
public abstract class BufferingScopeWriter implements ScopeWriter {
    /** The scope written. */
    protected final Scope scope;
    /** How puts treat existing keys; only MIRROR takes deletes. */
    protected final WriteMode mode;

    private boolean closed;

    protected BufferingScopeWriter(Scope scope, WriteMode mode) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Buffers an entry until {@link #flush()}.
     *
     * @throws IllegalArgumentException for an entry of another scope, or one the store refuses
     */
    @Override
    public final void put(Entry entry) {
        checkOpen();
        Objects.requireNonNull(entry, "entry");
        // Identity first: scope ids are built on each call, and this runs per entry.
        if (entry.scope() != scope && !entry.scope().id().equals(scope.id())) {
            throw new IllegalArgumentException(
                    "entry of " + entry.scope().describe() + " given to the writer of " + scope.describe());
        }
        buffer(entry);
    }

    @Override
    public final void delete(Key key) {
        checkOpen();
        Objects.requireNonNull(key, "key");
        if (mode != WriteMode.MIRROR) {
            throw new IllegalStateException(
                    "delete needs mode MIRROR; the writer of " + scope.describe() + " is " + mode);
        }
        bufferDelete(key);
    }

    @Override
    public final void flush() throws IOException {
        checkOpen();
        if (isEmpty()) {
            return;
        }
        apply();
        discard();
    }

    /** Drops what was not flushed. Idempotent. */
    @Override
    public final void close() {
        closed = true;
        discard();
    }

    /**
     * Fails once the writer is closed; a subclass adds what else must be open.
     *
     * @throws IllegalStateException naming the scope
     */
    protected void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer of " + scope.describe() + " is closed");
        }
    }

    /** Buffers a put of an entry of this scope; may refuse it with an IllegalArgumentException. */
    protected abstract void buffer(Entry entry);

    /** Buffers a delete (the mode is MIRROR). */
    protected abstract void bufferDelete(Key key);

    /** Whether nothing is buffered. */
    protected abstract boolean isEmpty();

    /** Applies everything buffered, all of it or none; the buffer is emptied after it returns. */
    protected abstract void apply() throws IOException;

    /** Empties the buffer. */
    protected abstract void discard();
}
