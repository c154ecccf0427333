package dev.landfall.store.postgres;

import dev.landfall.core.spi.AbstractKvAccessContractTest;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreUri;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/** The KvAccess contract against the real server, each test in a schema of its own. */
class PostgresKvAccessIT extends AbstractKvAccessContractTest {
    private static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();

    @Override
    protected KvAccess openAccess() {
        String schema = PostgresTestServer.unique("lf_kv_");
        SCHEMAS.add(schema);
        return new PostgresStoreProvider(PostgresTestServer.NO_PASSWORDS)
                .openKvAccess(StoreUri.parse(PostgresTestServer.url(schema)));
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
