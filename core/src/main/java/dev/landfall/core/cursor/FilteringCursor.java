package dev.landfall.core.cursor;

import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Passes on only the elements of another cursor that a predicate keeps. Its checkpoint is the
 * inner cursor's, so a resumed read does not look again at elements passed over before it.
 *
 * @param <T> the element type
 */
public final class FilteringCursor<T> extends ForwardingCursor<T> {
    private final Predicate<? super T> keep;

    public FilteringCursor(Cursor<T> inner, Predicate<? super T> keep) {
        super(inner);
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    @Override
    public boolean next() throws IOException {
        while (inner.next()) {
            if (keep.test(inner.current())) {
                return true;
            }
        }
        return false;
    }
}
