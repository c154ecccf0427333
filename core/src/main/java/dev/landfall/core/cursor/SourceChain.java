package dev.landfall.core.cursor;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Several sources read one after the other as one: the scopes of the first, then of the next;
 * each scope's entries come from the source that {@code owns} it. Closing closes every part.
 */
public final class SourceChain implements Source {
    /** One part and the scopes it owns. */
    public record Part(Source source, Predicate<Scope> owns) {
        public Part {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(owns, "owns");
        }
    }

    private final List<Part> parts;

    public SourceChain(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String describe() {
        return String.join(
                " and ", parts.stream().map(p -> p.source().describe()).toList());
    }

    @Override
    public Cursor<Scope> scopes() {
        return new Cursor<>() {
            private int index = -1;
            private Cursor<Scope> cursor;

            @Override
            public boolean next() throws IOException {
                while (true) {
                    if (cursor != null && cursor.next()) {
                        return true;
                    }
                    if (cursor != null) {
                        cursor.close();
                    }
                    if (++index >= parts.size()) {
                        cursor = null;
                        return false;
                    }
                    cursor = parts.get(index).source().scopes();
                }
            }

            @Override
            public Scope current() {
                if (cursor == null) {
                    throw new IllegalStateException("no current scope");
                }
                return cursor.current();
            }

            @Override
            public Checkpoint checkpoint() {
                return Checkpoint.START;
            }

            @Override
            public void close() throws IOException {
                if (cursor != null) {
                    cursor.close();
                }
            }
        };
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        for (Part p : parts) {
            if (p.owns().test(scope)) {
                return p.source().entries(scope, after);
            }
        }
        throw new IllegalArgumentException("no source owns " + scope.describe());
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Part p : parts) {
            try {
                p.source().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
