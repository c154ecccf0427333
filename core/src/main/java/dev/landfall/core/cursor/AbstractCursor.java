package dev.landfall.core.cursor;

import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of a {@link Cursor} every implementation shares: the current element, the checkpoint
 * just after it, and a {@link #close()} that is idempotent and may come from another thread.
 *
 * <p>A subclass implements {@link #next()}: it returns {@link #deliver(Object, Checkpoint)} for
 * each element and {@link #end()} when there is none, checks {@link #isClosed()} before and after
 * anything that may block, and releases what it holds in {@link #onClose()}.
 *
 * @param <T> the element type
 */
public abstract class AbstractCursor<T> implements Cursor<T> {
    private final AtomicBoolean closed = new AtomicBoolean();
    private T current;
    private Checkpoint checkpoint;

    /**
     * @param start the point the cursor was opened after: what {@link #checkpoint()} returns before
     *     the first element ({@link Checkpoint#START} for a full read)
     */
    protected AbstractCursor(Checkpoint start) {
        this.checkpoint = Objects.requireNonNull(start, "start");
    }

    /**
     * Makes {@code element} current, with {@code after} as the resume point just after it.
     *
     * @return true, so that {@code next()} can {@code return deliver(e, after)}
     */
    protected final boolean deliver(T element, Checkpoint after) {
        current = Objects.requireNonNull(element, "element");
        checkpoint = Objects.requireNonNull(after, "after");
        return true;
    }

    /**
     * Leaves no current element; the checkpoint stays just after the last one delivered.
     *
     * @return false, so that {@code next()} can {@code return end()}
     */
    protected final boolean end() {
        current = null;
        return false;
    }

    /** Whether {@link #close()} has been called, from any thread. */
    protected final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final T current() {
        T c = current;
        if (c == null) {
            throw new IllegalStateException("no current element: call next() first and check that it returned true");
        }
        return c;
    }

    @Override
    public final Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * Marks the cursor closed and, the first time only, calls {@link #onClose()}. Any thread. A
     * subclass whose closing cannot fail may override this without the {@code throws} clause, as
     * {@code if (closeOnce()) { … }}, for callers that hold it by its own type.
     */
    @Override
    public void close() throws IOException {
        if (closeOnce()) {
            onClose();
        }
    }

    /** Marks the cursor closed; true only for the call that closed it. */
    protected final boolean closeOnce() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Releases what the cursor holds and wakes a {@code next()} that waits; called once, possibly
     * from another thread than the reader's, after {@link #isClosed()} became true. Does nothing
     * unless overridden.
     */
    protected void onClose() throws IOException {}
}
