package dev.landfall.store.postgres;

import dev.landfall.store.AbstractCheckedImportTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

class PostgresCheckedImportIT extends AbstractCheckedImportTest {
    private static final java.util.List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected String storeUri(Path dir) {
        String schema = PostgresTestServer.unique("lf_checked_");
        SCHEMAS.add(schema);
        return PostgresTestServer.url(schema) + "&writers=3";
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
