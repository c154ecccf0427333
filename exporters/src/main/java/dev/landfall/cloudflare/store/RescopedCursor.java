package dev.landfall.cloudflare.store;

import dev.landfall.core.cursor.ForwardingCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;

/**
 * The entries of the namespace a source scope was written into, handed out under the source
 * scope: a comparison walks the two as one scope, whatever the target namespace is called.
 */
final class RescopedCursor extends ForwardingCursor<Entry> {
    private final Scope scope;
    private Entry current;

    RescopedCursor(Cursor<Entry> entries, Scope scope) {
        super(entries);
        this.scope = scope;
    }

    @Override
    public boolean next() throws IOException {
        if (!inner.next()) {
            current = null;
            return false;
        }
        Entry e = inner.current();
        current = new Entry(scope, e.key(), e.value(), e.metadataJson(), e.expiration());
        return true;
    }

    @Override
    public Entry current() {
        if (current == null) {
            throw new IllegalStateException("no current entry: call next() first");
        }
        return current;
    }
}
