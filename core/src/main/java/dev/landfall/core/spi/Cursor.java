package dev.landfall.core.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull iterator over a stream that may be far larger than memory, used from one thread.
 *
 * <p>Lifecycle: call {@link #next()}; while it returns true, {@link #current()} is the new
 * element and {@link #checkpoint()} the resume point just after it. {@link #close()} is
 * idempotent, is the only method that may be called from another thread, and makes a blocked
 * {@code next()} return promptly.
 *
 * @param <T> the element type
 */
public interface Cursor<T> extends Closeable {
    /**
     * Advances to the next element.
     *
     * @return false at the end of the stream
     * @throws IOException on transport trouble; the caller's retry policy decides what next
     */
    boolean next() throws IOException;

    /**
     * The current element.
     *
     * @throws IllegalStateException before the first {@link #next()} or after it returned false
     */
    T current();

    /**
     * The resume point just after {@link #current()}. Before the first element it is the point the
     * cursor was opened after: {@link Checkpoint#START} for a full read, so a caller that journals
     * it never moves backwards.
     */
    Checkpoint checkpoint();
}
