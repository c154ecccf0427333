package dev.landfall.core.run;

import dev.landfall.core.io.Closing;
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
 *
 * @param source the source, read first
 * @param store the store, opened for reading only
 * @param selection the scopes to compare
 */
public record Comparison(Source source, Source store, ScopeSelection selection) implements Closeable {
    /** Opens both, source first; closes the source again if the store cannot be opened. */
    public static Comparison open(StoreUri from, StoreUri to, SourceEnv env) throws IOException {
        Source source = SourceRegistry.open("--from", from, env);
        try {
            ScopeSelection selection = ScopeSelection.forSource(source, env.options());
            selection.checkAgainst(source);
            return new Comparison(source, StoreRegistry.openForReading("--to", to, env), selection);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        Closing.inOrder(store, source);
    }
}
