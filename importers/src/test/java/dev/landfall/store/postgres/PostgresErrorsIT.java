package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every way the server can refuse, against the real server: kind, message, hint, no password. */
class PostgresErrorsIT {
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static final List<String> DATABASES = new ArrayList<>();
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    @TempDir
    Path home;

    private static PostgresUri base() {
        return PostgresTestServer.uri();
    }

    /** The test server's URI with parts replaced; {@code password} null leaves it out. */
    private static String url(String password, int port, String database, String query) {
        PostgresUri b = base();
        return "postgres://" + b.user() + (password == null ? "" : ":" + password) + "@" + b.urlHost() + ":" + port
                + "/" + database + query;
    }

    private static LandfallException fails(Executable open) {
        LandfallException e = assertThrows(LandfallException.class, open);
        StringWriter all = new StringWriter();
        e.printStackTrace(new PrintWriter(all));
        String real = base().password().orElseThrow().reveal();
        assertFalse(all.toString().contains(real), all.toString());
        assertFalse(e.hint().orElse("").contains(real));
        return e;
    }

    @Test
    void aWrongPasswordIsRejectedWithAHintAboutWhereItCameFrom() {
        String wrong = "not-the-password-Zq81";
        String url = url(wrong, base().port(), base().database(), "");
        LandfallException e = fails(() -> PostgresTestServer.open(url));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(
                "store postgres://" + base().user() + ":****@" + base().urlHost() + ":" + base().port() + "/"
                        + base().database() + " refused the password for user '" + base().user() + "'",
                e.getMessage());
        String hint = e.hint().orElseThrow();
        assertTrue(hint.contains("PGPASSWORD") && hint.contains("~/.pgpass") && hint.contains("the URI"), hint);
        assertFalse((e.getMessage() + hint).contains(wrong));
    }

    @Test
    void aWrongPgpasswordIsRejectedNamingIt() {
        String url = url(null, base().port(), base().database(), "");
        PgPassword env = new PgPassword(Map.of("PGPASSWORD", "wrong-from-env"), home);
        LandfallException e = fails(() -> PostgresStore.open(PostgresUri.parse(StoreUri.parse(url)), env));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.hint().orElseThrow().contains("used: PGPASSWORD"), e.hint().orElseThrow());
    }

    @Test
    void noPasswordAnywhereIsRejected() {
        String url = url(null, base().port(), base().database(), "");
        LandfallException e =
                fails(() -> PostgresStore.open(PostgresUri.parse(StoreUri.parse(url)), new PgPassword(Map.of(), home)));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("asks for a password"), e.getMessage());
        assertTrue(e.getMessage().contains(".pgpass"), e.getMessage());
    }

    @Test
    void thePasswordFileIsUsed() throws IOException {
        Path pgpass = home.resolve(".pgpass");
        PostgresUri b = base();
        Files.writeString(
                pgpass,
                "# test\n" + b.host() + ":" + b.port() + ":" + b.database() + ":" + b.user() + ":"
                        + b.password()
                                .orElseThrow()
                                .reveal()
                                .replace("\\", "\\\\")
                                .replace(":", "\\:") + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String url = url(null, b.port(), b.database(), "");
        try (Store store = PostgresStore.open(PostgresUri.parse(StoreUri.parse(url)), new PgPassword(Map.of(), home))) {
            try (Cursor<?> c = store.scopes()) {
                c.next();
            }
        }
    }

    @Test
    void aMissingDatabaseIsRejectedWithCreatedb() {
        String url = url(base().password().orElseThrow().reveal(), base().port(), "landfall_no_such_db_x7", "");
        LandfallException e = fails(() -> PostgresTestServer.open(url));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("database 'landfall_no_such_db_x7' does not exist"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("createdb"), e.hint().orElseThrow());
    }

    @Test
    void aPortNobodyListensOnIsTransient() {
        String url = "postgres://app:some-password@127.0.0.1:1/db";
        LandfallException e = assertThrows(LandfallException.class, () -> PostgresTestServer.open(url));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals("cannot reach postgres://app:****@127.0.0.1:1/db: connection refused", e.getMessage());
        assertEquals(
                "is the server running at 127.0.0.1:1? check host and port",
                e.hint().orElseThrow());
        StringWriter all = new StringWriter();
        e.printStackTrace(new PrintWriter(all));
        assertFalse(all.toString().contains("some-password"));
    }

    @Test
    void noPrivilegeOnTheSchemaIsRejected() throws SQLException {
        String schema = PostgresTestServer.unique("lf_perm_");
        SCHEMAS.add(schema);
        // The owner revokes its own CREATE: the cheapest "permission denied" a CREATEDB role can make.
        PostgresTestServer.execute(
                "CREATE SCHEMA " + schema, "REVOKE CREATE ON SCHEMA " + schema + " FROM " + base().user());
        LandfallException e = fails(() -> PostgresTestServer.open(PostgresTestServer.url(schema)));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("permission denied for schema " + schema), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("GRANT"), e.hint().orElseThrow());
    }

    @Test
    void aReadOnlyDatabaseReadsButRefusesWrites() throws SQLException, IOException {
        String db = PostgresTestServer.unique("lf_ro_");
        String empty = PostgresTestServer.unique("lf_ro_empty_");
        DATABASES.add(db);
        DATABASES.add(empty);
        PostgresTestServer.execute("CREATE DATABASE " + db, "CREATE DATABASE " + empty);
        String url = url(base().password().orElseThrow().reveal(), base().port(), db, "");
        try (Store store = PostgresTestServer.open(url);
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("a"), new byte[] {1}, null, null));
            w.flush();
        }
        PostgresTestServer.execute(
                "ALTER DATABASE " + db + " SET default_transaction_read_only = on",
                "ALTER DATABASE " + empty + " SET default_transaction_read_only = on");

        try (Store store = PostgresTestServer.open(url)) {
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
                assertTrue(c.next(), "a read-only store still reads");
            }
            LandfallException e = fails(() -> store.open(KV, WriteMode.UPSERT));
            assertEquals(ErrorKind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains(" is read-only: "), e.getMessage());
            assertTrue(
                    e.hint().orElseThrow().contains("default_transaction_read_only"),
                    e.hint().orElseThrow());
        }
        String emptyUrl = url(base().password().orElseThrow().reveal(), base().port(), empty, "");
        LandfallException e = fails(() -> PostgresTestServer.open(emptyUrl));
        assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(" is read-only: "), e.getMessage());
        try (Source nothing = new PostgresStoreProvider(PostgresTestServer.NO_PASSWORDS)
                        .openForReading(StoreUri.parse(emptyUrl));
                Cursor<?> scopes = nothing.scopes()) {
            assertFalse(scopes.next(), "a plan against an empty read-only database reads it as empty");
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        PostgresTestServer.dropSchemas(SCHEMAS);
        try (Connection c = PostgresTestServer.connect();
                Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }
}
