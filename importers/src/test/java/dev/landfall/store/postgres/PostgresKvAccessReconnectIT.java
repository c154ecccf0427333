package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreUri;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Pooled connections are lent without a round trip to check them, so a read that meets one the
 * server has dropped (a restart, {@code pg_terminate_backend}) must still be answered.
 */
class PostgresKvAccessReconnectIT {
    private static final KvNamespace KV = new KvNamespace("ns", "NS");
    private static final String SCHEMA = PostgresTestServer.unique("lf_kv_reconnect_");

    @AfterAll
    static void dropSchema() throws SQLException {
        PostgresTestServer.dropSchemas(List.of(SCHEMA));
    }

    @Test
    void aReadOnAConnectionTheServerDroppedIsAnsweredOnANewOne() throws Exception {
        try (KvAccess access = new PostgresStoreProvider(PostgresTestServer.NO_PASSWORDS)
                .openKvAccess(StoreUri.parse(PostgresTestServer.url(SCHEMA)))) {
            byte[] value = "v".getBytes(StandardCharsets.UTF_8);
            access.put(new Entry(KV, Key.of("k"), value, null, null));
            access.get(KV, Key.of("k"), 0); // the pool now holds a connection that has read this schema

            terminateBackendsThatTouched(SCHEMA);

            assertArrayEquals(
                    value, access.get(KV, Key.of("k"), 0).orElseThrow().value());
        }
    }

    /** Ends the server processes whose last statement named the schema: only this test's pool. */
    private static void terminateBackendsThatTouched(String schema) throws SQLException, InterruptedException {
        String mine = "application_name = 'landfall serve' AND strpos(query, ?) > 0";
        try (Connection c = PostgresTestServer.connect()) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE " + mine)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        throw new AssertionError("no pooled connection of the test was found to terminate");
                    }
                }
            }
            // pg_terminate_backend only signals: wait until the processes have gone.
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE " + mine)) {
                ps.setString(1, schema);
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            return;
                        }
                    }
                    Thread.sleep(10);
                }
            }
        }
    }
}
