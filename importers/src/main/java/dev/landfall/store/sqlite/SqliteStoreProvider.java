package dev.landfall.store.sqlite;

import dev.landfall.core.spi.EmptySource;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.Files;

/** Opens {@code sqlite:PATH[?busy_timeout=MS&synchronous=normal|full]} as a {@link SqliteStore}. */
public final class SqliteStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public String usage() {
        return "sqlite:PATH  the embedded default: one SQLite file (WAL), created owner-only if missing";
    }

    @Override
    public Store open(StoreUri uri) {
        return SqliteStore.open(SqliteLocation.from(uri));
    }

    /** A database file that does not exist yet reads as empty and is not created. */
    @Override
    public Source openForReading(StoreUri uri) {
        SqliteLocation where = SqliteLocation.from(uri);
        if (!Files.exists(where.file())) {
            return new EmptySource(where.label());
        }
        return SqliteStore.open(where);
    }
}
