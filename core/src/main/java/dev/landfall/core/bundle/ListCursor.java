package dev.landfall.core.bundle;

import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.util.List;
import java.util.function.Function;

/** A cursor over a list already in memory (the scopes of a manifest). */
final class ListCursor<T> implements Cursor<T> {
    private final List<T> items;
    private final Function<T, Key> keyOf;
    private int next;
    private T current;

    ListCursor(List<T> items, Function<T, Key> keyOf) {
        this.items = List.copyOf(items);
        this.keyOf = keyOf;
    }

    @Override
    public boolean next() {
        if (next >= items.size()) {
            current = null;
            return false;
        }
        current = items.get(next++);
        return true;
    }

    @Override
    public T current() {
        if (current == null) {
            throw new IllegalStateException("no current element: call next() first and check that it returned true");
        }
        return current;
    }

    @Override
    public Checkpoint checkpoint() {
        return next == 0 ? Checkpoint.START : Checkpoint.after(keyOf.apply(items.get(next - 1)));
    }

    @Override
    public void close() {
        next = items.size();
        current = null;
    }
}
