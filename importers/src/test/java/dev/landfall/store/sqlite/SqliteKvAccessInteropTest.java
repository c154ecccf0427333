package dev.landfall.store.sqlite;

import dev.landfall.core.spi.AbstractKvAccessInteropTest;
import dev.landfall.core.spi.StoreUri;

/** Import into a SQLite file, serve it, read what serve wrote back as a Source. */
class SqliteKvAccessInteropTest extends AbstractKvAccessInteropTest {
    @Override
    protected StoreUri emptyStore() {
        return StoreUri.parse("sqlite:" + tempDir.resolve("landfall.db"));
    }
}
