package dev.landfall.core.cursor;

import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.util.Objects;

/**
 * Hands out what {@link #map} makes of each element of another cursor, passing over those it
 * maps to nothing. Its checkpoint is the inner cursor's, so a resumed read does not look again at
 * elements passed over before it, and closing it closes the inner cursor.
 *
 * @param <S> the inner cursor's element type
 * @param <T> the element type handed out
 */
public abstract class MappingCursor<S, T> implements Cursor<T> {
    /** The cursor read. */
    protected final Cursor<S> inner;

    private T current;

    protected MappingCursor(Cursor<S> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** What to hand out for {@code element}, the inner cursor's current one; null to pass over it. */
    protected abstract T map(S element);

    @Override
    public final boolean next() throws IOException {
        while (inner.next()) {
            T mapped = map(inner.current());
            if (mapped != null) {
                current = mapped;
                return true;
            }
        }
        current = null;
        return false;
    }

    @Override
    public final T current() {
        if (current == null) {
            throw new IllegalStateException("no current element: call next() first and check that it returned true");
        }
        return current;
    }

    @Override
    public final Checkpoint checkpoint() {
        return inner.checkpoint();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
