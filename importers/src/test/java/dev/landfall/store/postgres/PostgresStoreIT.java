package dev.landfall.store.postgres;

import dev.landfall.core.spi.Store;
import dev.landfall.core.store.AbstractStoreContractTest;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract against the real server: each test directory maps to its own schema ({@code
 * ?schema=lf_test_<hash of the dir>}), and the schemas are dropped after the class.
 */
class PostgresStoreIT extends AbstractStoreContractTest {
    private static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();
    private final List<Store> opened = new ArrayList<>();

    @Override
    protected Store openStore(Path dir) {
        String schema = PostgresTestServer.schemaFor(dir);
        SCHEMAS.add(schema);
        Store store = PostgresTestServer.open(PostgresTestServer.url(schema));
        opened.add(store);
        return store;
    }

    /** Stores a test abandoned (a simulated crash) still hold a connection: release them. */
    @AfterEach
    void closeAbandoned() throws IOException {
        for (Store s : opened) {
            s.close();
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
