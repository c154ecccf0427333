package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Tables are created when missing and checked, never altered, when present. */
class PostgresSchemaIT {
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    private static String schema() {
        String s = PostgresTestServer.unique("lf_schema_");
        SCHEMAS.add(s);
        return s;
    }

    private static List<String> columns(String schema, String table) throws SQLException {
        try (Connection c = PostgresTestServer.connect();
                PreparedStatement ps = c.prepareStatement("SELECT column_name || ' ' || data_type || ' '"
                        + " || coalesce(collation_name, '-') FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Test
    void createsTheSchemaAndTablesWithByteOrderKeys() throws SQLException {
        String schema = schema();
        PostgresTestServer.open(PostgresTestServer.url(schema)).close();
        assertEquals(List.of("namespace_id text C", "title text -"), columns(schema, "landfall_kv_namespaces"));
        assertEquals(
                List.of("namespace_id text C", "key text C", "value bytea -", "metadata text -", "expiration bigint -"),
                columns(schema, "landfall_kv"));
        assertEquals(
                List.of("namespace_id text C", "object_id text C", "key text C", "value text -"),
                columns(schema, "landfall_do"));
        PostgresTestServer.open(PostgresTestServer.url(schema)).close(); // and opens again
    }

    @Test
    void bothSchemesOpenTheSameStoreThroughTheirProviders() throws IOException {
        String schema = schema();
        String url = PostgresTestServer.url(schema);
        try (Store a = new PostgresStoreProvider().open(StoreUri.parse(url));
                Store b = new PostgresqlStoreProvider()
                        .open(StoreUri.parse("postgresql" + url.substring("postgres".length())))) {
            try (ScopeWriter w = a.open(KV, WriteMode.UPSERT)) {
                w.put(new Entry(KV, Key.of("k"), new byte[] {7}, null, null));
                w.flush();
            }
            try (Cursor<Entry> c = b.entries(KV, Checkpoint.START)) {
                assertTrue(c.next());
                assertEquals(Key.of("k"), c.current().key());
            }
            assertTrue(b.describe().startsWith("postgresql://"), b.describe());
        }
    }

    @Test
    void tablesMadeByHandFromTheDocsAreAccepted() throws SQLException {
        String schema = schema();
        PostgresTestServer.execute(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\","
                        + " value bytea NOT NULL, metadata text, expiration bigint, PRIMARY KEY (namespace_id, key))",
                "CREATE INDEX ON " + schema + ".landfall_kv (expiration)");
        PostgresTestServer.open(PostgresTestServer.url(schema)).close();
    }

    private static void assertMismatch(String ddl, String expected) throws SQLException {
        String schema = schema();
        PostgresTestServer.execute("CREATE SCHEMA " + schema, String.format(ddl, schema));
        List<String> before = columns(schema, "landfall_kv");
        LandfallException e =
                assertThrows(LandfallException.class, () -> PostgresTestServer.open(PostgresTestServer.url(schema)));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().endsWith(": table landfall_kv " + expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("store postgres://"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("never alters"), e.hint().orElseThrow());
        assertEquals(before, columns(schema, "landfall_kv"), "the table is left as it was");
    }

    @Test
    void aColumnOfAnotherTypeIsAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\", value text,"
                        + " metadata text, expiration bigint, PRIMARY KEY (namespace_id, key))",
                "has column value of type text, expected bytea");
    }

    @Test
    void jsonbMetadataIsAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\", value bytea,"
                        + " metadata jsonb, expiration bigint, PRIMARY KEY (namespace_id, key))",
                "has column metadata of type jsonb, expected text");
    }

    @Test
    void aMissingColumnIsAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\", value bytea,"
                        + " metadata text, PRIMARY KEY (namespace_id, key))",
                "has no column expiration, expected one of type bigint");
    }

    @Test
    void anExtraColumnIsAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\", value bytea,"
                        + " metadata text, expiration bigint, note text, PRIMARY KEY (namespace_id, key))",
                "has an extra column note, expected only [namespace_id, key, value, metadata, expiration]");
    }

    @Test
    void keysWithoutByteOrderAreAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text, value bytea,"
                        + " metadata text, expiration bigint, PRIMARY KEY (namespace_id, key))",
                "has column key without COLLATE \"C\", expected byte order (text COLLATE \"C\")");
    }

    @Test
    void anotherPrimaryKeyIsAUsageError() throws SQLException {
        assertMismatch(
                "CREATE TABLE %s.landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\", value bytea,"
                        + " metadata text, expiration bigint, PRIMARY KEY (key))",
                "has primary key (key), expected primary key (namespace_id, key)");
    }

    private static boolean schemaExists(String schema) throws SQLException {
        try (Connection c = PostgresTestServer.connect();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Source openForReading(String schema) {
        return new PostgresStoreProvider(PostgresTestServer.NO_PASSWORDS)
                .openForReading(StoreUri.parse(PostgresTestServer.url(schema)));
    }

    @Test
    void openingForReadingCreatesNothingAndReadsEmpty() throws IOException, SQLException {
        String schema = schema();
        try (Source source = openForReading(schema)) {
            assertTrue(source.describe().endsWith("?schema=" + schema), source.describe());
            try (Cursor<Scope> c = source.scopes()) {
                assertFalse(c.next());
            }
            try (Cursor<Entry> c = source.entries(KV, Checkpoint.START)) {
                assertFalse(c.next());
            }
        }
        assertFalse(schemaExists(schema), "opening for reading created the schema");
    }

    @Test
    void openingForReadingSeesWhatWasWritten() throws IOException {
        String schema = schema();
        try (Store store = PostgresTestServer.open(PostgresTestServer.url(schema));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("k"), new byte[] {1, 2}, "{}", 4_102_444_800L));
            w.flush();
        }
        try (Source source = openForReading(schema)) {
            try (Cursor<Scope> c = source.scopes()) {
                assertTrue(c.next());
                assertEquals(KV, c.current());
                assertFalse(c.next());
            }
            try (Cursor<Entry> c = source.entries(KV, Checkpoint.START)) {
                assertTrue(c.next());
                assertEquals(new Entry(KV, Key.of("k"), new byte[] {1, 2}, "{}", 4_102_444_800L), c.current());
            }
        }
    }

    @Test
    void openingForReadingReadsAMissingTableAsEmpty() throws IOException, SQLException {
        String schema = schema();
        PostgresTestServer.execute(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".landfall_kv (namespace_id text COLLATE \"C\", key text COLLATE \"C\","
                        + " value bytea NOT NULL, metadata text, expiration bigint, PRIMARY KEY (namespace_id, key))",
                "INSERT INTO " + schema + ".landfall_kv VALUES ('" + KV.namespaceId() + "', 'k', '\\x07', null, null)");
        try (Source source = openForReading(schema)) {
            try (Cursor<Entry> c = source.entries(KV, Checkpoint.START)) {
                assertTrue(c.next());
                assertEquals(Key.of("k"), c.current().key());
            }
            try (Cursor<Entry> c = source.entries(new DurableObject("ns", "obj"), Checkpoint.START)) {
                assertFalse(c.next());
            }
            try (Cursor<Scope> c = source.scopes()) {
                assertFalse(c.next(), "no landfall_kv_namespaces, no landfall_do: no scopes to list");
            }
        }
        assertEquals(List.of(), columns(schema, "landfall_do"), "nothing was created");
    }

    @Test
    void openingForReadingChecksTheTablesToo() throws SQLException {
        String schema = schema();
        PostgresTestServer.execute(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".landfall_do (namespace_id text, object_id text)");
        LandfallException e = assertThrows(LandfallException.class, () -> openForReading(schema));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(
                e.getMessage().contains("table landfall_do has column namespace_id without COLLATE"), e.getMessage());
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
    }
}
