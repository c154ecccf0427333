package dev.landfall.store.postgres;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import dev.landfall.core.store.AbstractSourceContractTest;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * The source contract against the real server (skipped without one, as {@link PostgresStoreIT}),
 * each test in a schema of its own; the broken fixture is a wrong password.
 */
class PostgresStoreSourceContractIT extends AbstractSourceContractTest {
    private static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();
    private boolean written;

    @Override
    protected Source openSource() throws IOException {
        String schema = PostgresTestServer.schemaFor(tempDir);
        SCHEMAS.add(schema);
        if (!written) {
            filled(PostgresTestServer.open(PostgresTestServer.url(schema))).close();
            written = true;
        }
        return PostgresTestServer.open(PostgresTestServer.url(schema));
    }

    @Override
    protected Broken broken() {
        PostgresUri server = PostgresTestServer.uri();
        String wrong = "postgres://" + server.user() + ":not-the-password@" + server.urlHost() + ":" + server.port()
                + "/" + server.database();
        return new Broken(ErrorKind.REJECTED, () -> PostgresTestServer.open(wrong));
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
