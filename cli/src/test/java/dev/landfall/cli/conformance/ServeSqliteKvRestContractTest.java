package dev.landfall.cli.conformance;

import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The KV conformance suite against {@code landfall serve} over SQLite (embedded, so a unit test). */
class ServeSqliteKvRestContractTest extends AbstractServeKvRestContractTest {
    @TempDir
    Path dir;

    @Override
    protected KvAccess openStore() throws Exception {
        return StoreRegistry.openKvAccess("--store", StoreUri.parse("sqlite:" + dir.resolve("kv.db")));
    }
}
