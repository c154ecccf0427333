package dev.landfall.core.run;

import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.Closeable;
import java.io.IOException;

/**
 * A source and a store opened side by side for reading, as {@code plan} and {@code verify data}
 * compare them: the source first, its scopes matched against the selection (so a typo or an
 * unreadable source fails before the store is touched), then the store for reading only, which
 * creates nothing.
 */
public final class Comparison implements Closeable {
    private final Source source;
    private final Source store;
    private final ScopeSelection selection;

    private Comparison(Source source, Source store, ScopeSelection selection) {
        this.source = source;
        this.store = store;
        this.selection = selection;
    }

    /** Opens both, source first; closes the source again if the store cannot be opened. */
    public static Comparison open(StoreUri from, StoreUri to, SourceEnv env) throws IOException {
        Source source = SourceRegistry.open("--from", from, env);
        try {
            ScopeSelection selection = ScopeSelection.forSource(source, env.options());
            selection.checkAgainst(source);
            return new Comparison(source, StoreRegistry.openForReading("--to", to), selection);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public Source source() {
        return source;
    }

    public Source store() {
        return store;
    }

    /** The scopes to compare. */
    public ScopeSelection selection() {
        return selection;
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            source.close();
        }
    }
}
