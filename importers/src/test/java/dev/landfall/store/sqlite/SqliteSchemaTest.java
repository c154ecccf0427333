package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tables a store creates, and how it refuses tables of another shape without touching them. */
class SqliteSchemaTest {
    private static final String GOOD_NAMESPACES =
            "CREATE TABLE landfall_kv_namespaces (namespace_id TEXT PRIMARY KEY, title TEXT NOT NULL)";
    private static final String GOOD_DO = "CREATE TABLE landfall_do (namespace_id TEXT, object_id TEXT, key TEXT,"
            + " value TEXT, PRIMARY KEY (namespace_id, object_id, key))";

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseGetsTheDocumentedTables() throws Exception {
        Path file = dir.resolve("new.db");
        new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file)).close();
        try (Connection c = connect(file)) {
            assertEquals(List.of("namespace_id TEXT pk1", "title TEXT"), columns(c, SqliteSchema.NAMESPACES));
            assertEquals(
                    List.of(
                            "namespace_id TEXT pk1",
                            "key TEXT pk2",
                            "value BLOB",
                            "metadata TEXT",
                            "expiration INTEGER"),
                    columns(c, SqliteSchema.KV));
            assertEquals(
                    List.of("namespace_id TEXT pk1", "object_id TEXT pk2", "key TEXT pk3", "value TEXT"),
                    columns(c, SqliteSchema.DO));
            // NOT NULL everywhere but a key's metadata and expiration.
            assertEquals(
                    "metadata,expiration",
                    scalar(
                            c,
                            "SELECT group_concat(t.name) FROM sqlite_schema s, pragma_table_info(s.name) t"
                                    + " WHERE s.type = 'table' AND t.\"notnull\" = 0"));
            assertEquals("wal", scalar(c, "PRAGMA journal_mode"));
            assertEquals("16384", scalar(c, "PRAGMA page_size"));
            // WITHOUT ROWID everywhere, and no index beyond the primary keys.
            assertEquals(
                    "0",
                    scalar(
                            c,
                            "SELECT count(*) FROM sqlite_schema WHERE sql LIKE 'CREATE TABLE%'"
                                    + " AND sql NOT LIKE '%WITHOUT ROWID'"));
            assertEquals("0", scalar(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"));
        }
    }

    @Test
    void tablesOfTheRightShapeMadeByOthersAreUsed() throws Exception {
        Path file = dir.resolve("theirs.db");
        try (Connection c = connect(file);
                Statement s = c.createStatement()) {
            // Lower-case types, no WITHOUT ROWID, no NOT NULL: the same shape as far as Landfall cares.
            s.execute("CREATE TABLE landfall_kv (namespace_id text, key text, value blob, metadata text,"
                    + " expiration integer, PRIMARY KEY (namespace_id, key))");
            s.execute(GOOD_NAMESPACES);
            s.execute(GOOD_DO);
        }
        new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file)).close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            value of another type   | namespace_id TEXT, key TEXT, value TEXT, metadata TEXT, expiration INTEGER, PRIMARY KEY (namespace_id, key) | has column value of type TEXT, expected BLOB
            a missing column        | namespace_id TEXT, key TEXT, value BLOB, expiration INTEGER, PRIMARY KEY (namespace_id, key)                | has no column metadata
            an extra column         | namespace_id TEXT, key TEXT, value BLOB, metadata TEXT, expiration INTEGER, owner TEXT, PRIMARY KEY (namespace_id, key) | has column owner, which Landfall does not expect
            another primary key     | namespace_id TEXT, key TEXT PRIMARY KEY, value BLOB, metadata TEXT, expiration INTEGER                      | has primary key (key), expected (namespace_id, key)
            keys in another order   | namespace_id TEXT, key TEXT, value BLOB, metadata TEXT, expiration INTEGER, PRIMARY KEY (key, namespace_id) | has primary key (key, namespace_id), expected (namespace_id, key)
            a case-blind collation  | namespace_id TEXT, key TEXT COLLATE NOCASE, value BLOB, metadata TEXT, expiration INTEGER, PRIMARY KEY (namespace_id, key) | has primary key column key with collation NOCASE, expected BINARY
            """)
    void aTableOfAnotherShapeIsRefusedAndLeftAlone(String why, String columns, String difference) throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = connect(file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE landfall_kv (" + columns + ")");
            s.execute("INSERT INTO landfall_kv (namespace_id, key) VALUES ('ns', 'theirs')");
        }
        StoreUri uri = StoreUri.parse("sqlite:" + file);
        LandfallException e = assertThrows(LandfallException.class, () -> new SqliteStoreProvider().open(uri));

        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("store sqlite:" + file + ": table landfall_kv " + difference, e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("never alters an existing table"),
                e.hint().orElseThrow());
        try (Connection c = connect(file)) {
            assertEquals("1", scalar(c, "SELECT count(*) FROM landfall_kv WHERE key = 'theirs'"));
            assertEquals(
                    "1",
                    scalar(c, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'landfall%'"),
                    "nothing was created next to the table that does not fit");
        }
    }

    @Test
    void aViewWithATableNameIsRefused() throws Exception {
        Path file = dir.resolve("view.db");
        try (Connection c = connect(file);
                Statement s = c.createStatement()) {
            s.execute("CREATE VIEW landfall_do AS SELECT 1 AS x");
        }
        LandfallException e = assertThrows(
                LandfallException.class, () -> new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file)));
        assertEquals("store sqlite:" + file + ": table landfall_do is a view, expected a table", e.getMessage());
    }

    @Test
    void aUtf16DatabaseIsRefused() throws Exception {
        Path file = dir.resolve("utf16.db");
        try (Connection c = connect(file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA encoding = 'UTF-16le'");
            s.execute("CREATE TABLE other (x)");
        }
        LandfallException e = assertThrows(
                LandfallException.class, () -> new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file)));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("UTF-16le"), e.getMessage());
    }

    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, type, pk FROM pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + (rs.getInt(3) > 0 ? " pk" + rs.getInt(3) : ""));
            }
        }
        return out;
    }
}
