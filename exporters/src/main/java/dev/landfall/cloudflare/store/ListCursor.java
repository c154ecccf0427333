package dev.landfall.cloudflare.store;

import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.util.List;

/** A cursor over a short list in memory (the namespaces of an account, or nothing). */
final class ListCursor<T> implements Cursor<T> {
    private final List<T> items;
    private int next;
    private T current;

    ListCursor(List<T> items) {
        this.items = List.copyOf(items);
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
            throw new IllegalStateException("no current item: call next() first");
        }
        return current;
    }

    @Override
    public Checkpoint checkpoint() {
        return Checkpoint.START;
    }

    @Override
    public void close() {}
}
