package dev.landfall.core.bundle;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import java.util.List;
import java.util.function.Function;

/** A cursor over a list already in memory (the scopes of a manifest). */
final class ListCursor<T> extends AbstractCursor<T> {
    private final List<T> items;
    private final Function<T, Key> keyOf;
    private int next;

    ListCursor(List<T> items, Function<T, Key> keyOf) {
        super(Checkpoint.START);
        this.items = List.copyOf(items);
        this.keyOf = keyOf;
    }

    @Override
    public boolean next() {
        if (isClosed() || next >= items.size()) {
            return end();
        }
        T item = items.get(next++);
        return deliver(item, Checkpoint.after(keyOf.apply(item)));
    }
}
