package dev.landfall.store.sqlite;

import dev.landfall.core.error.LandfallException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of a SQLite store (documented in {@code docs/stores/sqlite.md}): created when missing,
 * checked when present. A table of another shape is reported, never altered: it may belong to
 * someone else, and changing it could lose their data.
 */
final class SqliteSchema {
    static final String NAMESPACES = "landfall_kv_namespaces";
    static final String KV = "landfall_kv";
    static final String DO = "landfall_do";

    private static final String HINT =
            "point --to at another database file, or drop/rename the table; Landfall never alters an existing table";

    /** One expected column; {@code pk} is its position in the primary key, 0 when it is not part of it. */
    private record Column(String name, String type, int pk) {}

    /** A table as Landfall creates and expects it; {@code nullable} names the columns that may be NULL. */
    private record Table(String name, List<Column> columns, Set<String> nullable) {
        /** Its CREATE TABLE, from the columns: NOT NULL unless nullable, a one-column key inline. */
        String create() {
            String key = primaryKey(columns);
            boolean inlineKey = !key.contains(",");
            List<String> parts = new ArrayList<>();
            for (Column c : columns) {
                parts.add(c.name() + " " + c.type() + (nullable.contains(c.name()) ? "" : " NOT NULL")
                        + (inlineKey && c.pk() > 0 ? " PRIMARY KEY" : ""));
            }
            if (!inlineKey) {
                parts.add("PRIMARY KEY (" + key + ")");
            }
            return "CREATE TABLE IF NOT EXISTS " + name + " (" + String.join(", ", parts) + ") WITHOUT ROWID";
        }
    }

    // WITHOUT ROWID keeps rows in the primary key's B-tree, so a scope's entries are stored, and read,
    // in key order. TEXT keys compare with the BINARY collation: memcmp of UTF-8, the order Cloudflare
    // lists keys in.
    private static final List<Table> TABLES = List.of(
            new Table(
                    NAMESPACES,
                    List.of(new Column("namespace_id", "TEXT", 1), new Column("title", "TEXT", 0)),
                    Set.of()),
            new Table(
                    KV,
                    List.of(
                            new Column("namespace_id", "TEXT", 1),
                            new Column("key", "TEXT", 2),
                            new Column("value", "BLOB", 0),
                            new Column("metadata", "TEXT", 0),
                            new Column("expiration", "INTEGER", 0)),
                    Set.of("metadata", "expiration")),
            new Table(
                    DO,
                    List.of(
                            new Column("namespace_id", "TEXT", 1),
                            new Column("object_id", "TEXT", 2),
                            new Column("key", "TEXT", 3),
                            new Column("value", "TEXT", 0)),
                    Set.of()));

    private SqliteSchema() {}

    /**
     * Creates the missing tables and checks the present ones.
     *
     * @throws LandfallException USAGE when the database is not UTF-8 or a table has another shape
     * @throws SQLException when SQLite fails; the caller maps it
     */
    static void ensure(Connection connection, SqliteLocation where) throws SQLException {
        checkEncoding(connection, where);
        if (check(connection, where)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (Table t : TABLES) {
                    s.execute(t.create());
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(s, e);
                throw e;
            }
        }
        // Another process may have created a table in between; whatever is there now must fit.
        check(connection, where);
    }

    /** Checks every present table; returns whether all are present. */
    private static boolean check(Connection connection, SqliteLocation where) throws SQLException {
        boolean all = true;
        for (Table t : TABLES) {
            Optional<String> difference = difference(connection, t);
            if (difference.isPresent()) {
                if (difference.get().isEmpty()) {
                    all = false; // missing
                } else {
                    throw LandfallException.usage(
                            "store " + where.label() + ": table " + t.name() + " " + difference.get(), HINT);
                }
            }
        }
        return all;
    }

    /** Empty when the table fits; an empty string when it is missing; else what differs. */
    private static Optional<String> difference(Connection connection, Table expected) throws SQLException {
        String kind = objectType(connection, expected.name());
        if (kind == null) {
            return Optional.of("");
        }
        if (!kind.equals("table")) {
            return Optional.of("is a " + kind + ", expected a table");
        }
        List<Column> actual = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, type, pk FROM pragma_table_info(?)")) {
            ps.setString(1, expected.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.add(new Column(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        for (Column want : expected.columns()) {
            Column have = find(actual, want.name());
            if (have == null) {
                return Optional.of("has no column " + want.name());
            }
            if (!have.type().trim().equalsIgnoreCase(want.type())) {
                String type = have.type().isBlank() ? "(none)" : have.type();
                return Optional.of("has column " + want.name() + " of type " + type + ", expected " + want.type());
            }
        }
        for (Column have : actual) {
            if (find(expected.columns(), have.name()) == null) {
                return Optional.of("has column " + have.name() + ", which Landfall does not expect");
            }
        }
        String wantKey = primaryKey(expected.columns());
        String haveKey = primaryKey(actual);
        if (!wantKey.equals(haveKey)) {
            return Optional.of("has primary key (" + haveKey + "), expected (" + wantKey + ")");
        }
        return keyCollation(connection, expected.name());
    }

    /** Keys must compare as bytes: a NOCASE or custom collation would change the order. */
    private static Optional<String> keyCollation(Connection connection, String table) throws SQLException {
        String index = null;
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    index = rs.getString(1);
                }
            }
        }
        if (index == null) {
            return Optional.empty(); // a single INTEGER PRIMARY KEY, already reported as the wrong type
        }
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String coll = rs.getString(2);
                    if (coll != null && !coll.equalsIgnoreCase("BINARY")) {
                        return Optional.of("has primary key column " + rs.getString(1) + " with collation " + coll
                                + ", expected BINARY");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void checkEncoding(Connection connection, SqliteLocation where) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA encoding")) {
            String encoding = rs.next() ? rs.getString(1) : "UTF-8";
            if (!"UTF-8".equalsIgnoreCase(encoding)) {
                throw LandfallException.usage(
                        "store " + where.label() + ": " + where.file() + " stores text as " + encoding
                                + ", and Landfall keeps keys as UTF-8 text",
                        "point --to at a new database file");
            }
        }
    }

    private static String objectType(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT type FROM sqlite_schema WHERE lower(name) = lower(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Column find(List<Column> columns, String name) {
        for (Column c : columns) {
            // SQLite column names are case-insensitive.
            if (c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    private static String primaryKey(List<Column> columns) {
        List<Column> key = new ArrayList<>();
        for (Column c : columns) {
            if (c.pk() > 0) {
                key.add(c);
            }
        }
        key.sort((a, b) -> Integer.compare(a.pk(), b.pk()));
        return String.join(
                ", ", key.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    static void rollbackQuietly(Statement s, Exception failure) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
