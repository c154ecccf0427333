package dev.landfall.store.sqlite;

import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractStoreContractTest;
import java.io.IOException;
import java.nio.file.Path;

/** The store contract, run against a SQLite file in the test's directory. */
class SqliteStoreTest extends AbstractStoreContractTest {
    @Override
    protected Store openStore(Path dir) throws IOException {
        return new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + dir.resolve("landfall.db")));
    }
}
