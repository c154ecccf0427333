package dev.landfall.store.postgres;

import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;

/** Accepts libpq's other spelling, {@code postgresql://…}, for the same {@link PostgresStore}. */
public final class PostgresqlStoreProvider implements StoreProvider {
    private final PostgresStoreProvider postgres = new PostgresStoreProvider();

    @Override
    public String scheme() {
        return "postgresql";
    }

    @Override
    public String usage() {
        return "postgresql://…  the same as postgres://…";
    }

    @Override
    public Store open(StoreUri uri) {
        return postgres.open(uri);
    }

    @Override
    public Source openForReading(StoreUri uri) {
        return postgres.openForReading(uri);
    }
}
