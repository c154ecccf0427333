package dev.landfall.cloudflare.store;

import dev.landfall.core.cursor.MappingCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;

/**
 * The entries of the namespace a source scope was written into, handed out under the source
 * scope: a comparison walks the two as one scope, whatever the target namespace is called.
 */
final class RescopedCursor extends MappingCursor<Entry, Entry> {
    private final Scope scope;

    RescopedCursor(Cursor<Entry> entries, Scope scope) {
        super(entries);
        this.scope = scope;
    }

    @Override
    protected Entry map(Entry e) {
        return new Entry(scope, e.key(), e.value(), e.metadataJson(), e.expiration());
    }
}
