package dev.landfall.core.spi;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A source with no scopes: what {@link StoreProvider#openForReading} gives for a store that does
 * not exist yet, so a plan against it shows everything as created without creating it.
 */
public final class EmptySource implements Source {
    private final String description;

    /** @param description the store, described (secrets masked) */
    public EmptySource(String description) {
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Cursor<Scope> scopes() {
        return new Nothing<>(Checkpoint.START);
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) {
        return new Nothing<>(after);
    }

    @Override
    public void close() {}

    private record Nothing<T>(Checkpoint checkpoint) implements Cursor<T> {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public T current() {
            throw new IllegalStateException("an empty source has no current element", new NoSuchElementException());
        }

        @Override
        public void close() {}
    }
}
