package dev.landfall.store.sqlite;

import dev.landfall.core.spi.AbstractKvAccessContractTest;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The KvAccess contract against a fresh SQLite file. */
class SqliteKvAccessTest extends AbstractKvAccessContractTest {
    @TempDir
    Path dir;

    @Override
    protected KvAccess openAccess() throws IOException {
        return new SqliteStoreProvider().openKvAccess(StoreUri.parse("sqlite:" + dir.resolve("served.db")));
    }
}
