package dev.landfall.core.cursor;

import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.util.Objects;

/**
 * A cursor that hands every call on to another: a decorator overrides only the step it changes
 * ({@link FilteringCursor} overrides {@link #next()}), and the rest, the checkpoint above all,
 * stays the inner cursor's.
 *
 * @param <T> the element type
 */
public abstract class ForwardingCursor<T> implements Cursor<T> {
    /** The cursor decorated. */
    protected final Cursor<T> inner;

    protected ForwardingCursor(Cursor<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public boolean next() throws IOException {
        return inner.next();
    }

    @Override
    public T current() {
        return inner.current();
    }

    @Override
    public Checkpoint checkpoint() {
        return inner.checkpoint();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
