package dev.landfall.store.postgres;

import dev.landfall.core.spi.AbstractKvAccessInteropTest;
import dev.landfall.core.spi.StoreUri;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/** Import into a PostgreSQL schema, serve it, read what serve wrote back as a Source. */
class PostgresKvAccessInteropIT extends AbstractKvAccessInteropTest {
    private static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();

    @Override
    protected StoreUri emptyStore() {
        String schema = PostgresTestServer.unique("lf_kvi_");
        SCHEMAS.add(schema);
        return StoreUri.parse(PostgresTestServer.url(schema));
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
