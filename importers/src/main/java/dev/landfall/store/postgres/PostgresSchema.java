package dev.landfall.store.postgres;

import dev.landfall.core.error.LandfallException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Landfall's three tables in one schema (docs/stores/postgres.md): created when missing, checked
 * when present. A table of another shape (missing or extra columns, other types, key columns
 * without byte-order collation, another primary key) stops {@code open} with a USAGE error that
 * names the table and the difference: Landfall never alters a table it did not create.
 *
 * <p>The check reads {@code pg_catalog} rather than {@code information_schema}, which hides tables
 * the user holds no privilege on; such a table would otherwise look missing.
 */
final class PostgresSchema {
    /** A column as the check expects it; {@code byteOrder} columns must collate as "C". */
    record Column(String name, String type, boolean byteOrder) {}

    /**
     * A table as the check expects it; {@code nullable} names the columns that may be NULL.
     *
     * <p>{@link #ddl()} is its CREATE TABLE, made from the columns, with {@code %s} for the schema.
     */
    record Table(String name, List<Column> columns, List<String> primaryKey, Set<String> nullable) {
        String ddl() {
            boolean inlineKey = primaryKey.size() == 1;
            List<String> lines = new ArrayList<>();
            for (Column c : columns) {
                String line = "  " + c.name() + " " + c.type() + (c.byteOrder() ? " COLLATE \"C\"" : "");
                if (inlineKey && primaryKey.contains(c.name())) {
                    line += " PRIMARY KEY";
                } else if (!nullable.contains(c.name())) {
                    line += " NOT NULL";
                }
                lines.add(line);
            }
            if (!inlineKey) {
                lines.add("  PRIMARY KEY (" + String.join(", ", primaryKey) + ")");
            }
            return "CREATE TABLE IF NOT EXISTS %s." + name + " (\n" + String.join(",\n", lines) + ")";
        }
    }

    static final String NAMESPACES = "landfall_kv_namespaces";
    static final String KV = "landfall_kv";
    static final String DO = "landfall_do";

    private static final List<Table> TABLES = List.of(
            new Table(
                    NAMESPACES,
                    List.of(new Column("namespace_id", "text", true), new Column("title", "text", false)),
                    List.of("namespace_id"),
                    Set.of()),
            new Table(
                    KV,
                    List.of(
                            new Column("namespace_id", "text", true),
                            new Column("key", "text", true),
                            new Column("value", "bytea", false),
                            new Column("metadata", "text", false),
                            new Column("expiration", "bigint", false)),
                    List.of("namespace_id", "key"),
                    Set.of("metadata", "expiration")),
            new Table(
                    DO,
                    List.of(
                            new Column("namespace_id", "text", true),
                            new Column("object_id", "text", true),
                            new Column("key", "text", true),
                            new Column("value", "text", false)),
                    List.of("namespace_id", "object_id", "key"),
                    Set.of()));

    private static final String COLUMNS =
            "SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),"
                    + " co.collname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                    + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                    + " WHERE n.nspname = ? AND c.relname IN (?, ?, ?) ORDER BY c.relname, a.attnum";
    private static final String PRIMARY_KEYS = "SELECT c.relname, a.attname FROM pg_constraint k"
            + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum"
            + " WHERE k.contype = 'p' AND n.nspname = ? AND c.relname IN (?, ?, ?) ORDER BY c.relname, u.ord";

    private PostgresSchema() {}

    /**
     * Creates the schema and the missing tables, in one transaction so that a crash never leaves
     * some of them, and checks the tables that exist.
     */
    static void prepare(PostgresSession session) {
        PostgresUri uri = session.uri();
        session.inTransaction("preparing the tables in schema " + uri.quotedSchema(), c -> {
            if (!schemaExists(c, uri.schema())) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + uri.quotedSchema());
                }
            }
            Map<String, Found> found = read(c, uri.schema());
            for (Table table : TABLES) {
                Found f = found.get(table.name());
                if (f == null) {
                    try (Statement s = c.createStatement()) {
                        s.execute(String.format(table.ddl(), uri.quotedSchema()));
                    }
                } else {
                    check(uri, table, f);
                }
            }
            return null;
        });
    }

    /** Checks the tables that exist, creating nothing; returns their names. */
    static Set<String> inspect(PostgresSession session) {
        PostgresUri uri = session.uri();
        return session.autocommit("reading the tables in schema " + uri.quotedSchema(), c -> {
            Map<String, Found> found = read(c, uri.schema());
            for (Table table : TABLES) {
                Found f = found.get(table.name());
                if (f != null) {
                    check(uri, table, f);
                }
            }
            return Set.copyOf(found.keySet());
        });
    }

    private static void check(PostgresUri uri, Table table, Found found) {
        difference(table, found).ifPresent(d -> {
            throw LandfallException.usage(
                    "store " + uri.label() + ": table " + table.name() + " " + d,
                    "point --to at another database or schema (?schema=NAME), or drop or rename the"
                            + " table; Landfall never alters an existing table");
        });
    }

    /** What a table that exists looks like. */
    record Found(char kind, Map<String, Column> columns, List<String> primaryKey) {}

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Map<String, Found> read(Connection c, String schema) throws SQLException {
        Map<String, Found> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            bindNames(ps, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String kind = rs.getString(2);
                    String collation = rs.getString(5);
                    Column col = new Column(
                            rs.getString(3), rs.getString(4), "C".equals(collation) || "POSIX".equals(collation));
                    Found f = out.get(table);
                    if (f == null) {
                        f = new Found(kind.isEmpty() ? '?' : kind.charAt(0), new LinkedHashMap<>(), new ArrayList<>());
                        out.put(table, f);
                    }
                    f.columns().put(col.name(), col);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(PRIMARY_KEYS)) {
            bindNames(ps, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Found f = out.get(rs.getString(1));
                    if (f != null) {
                        f.primaryKey().add(rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    private static void bindNames(PreparedStatement ps, String schema) throws SQLException {
        ps.setString(1, schema);
        ps.setString(2, NAMESPACES);
        ps.setString(3, KV);
        ps.setString(4, DO);
    }

    /** The first way the table differs from what Landfall expects, if any. */
    // visible for testing
    static Optional<String> difference(Table expected, Found found) {
        if (found.kind() != 'r' && found.kind() != 'p') {
            return Optional.of("is not a table (pg_class.relkind '" + found.kind() + "')");
        }
        for (Column want : expected.columns()) {
            Column have = found.columns().get(want.name());
            if (have == null) {
                return Optional.of("has no column " + want.name() + ", expected one of type " + want.type());
            }
            if (!have.type().equals(want.type())) {
                return Optional.of(
                        "has column " + want.name() + " of type " + have.type() + ", expected " + want.type());
            }
            if (want.byteOrder() && !have.byteOrder()) {
                return Optional.of("has column " + want.name()
                        + " without COLLATE \"C\", expected byte order (text COLLATE \"C\")");
            }
        }
        for (String name : found.columns().keySet()) {
            if (expected.columns().stream().noneMatch(col -> col.name().equals(name))) {
                return Optional.of("has an extra column " + name + ", expected only "
                        + expected.columns().stream().map(Column::name).toList());
            }
        }
        if (!found.primaryKey().equals(expected.primaryKey())) {
            String have = found.primaryKey().isEmpty()
                    ? "no primary key"
                    : "primary key (" + String.join(", ", found.primaryKey()) + ")";
            return Optional.of(
                    "has " + have + ", expected primary key (" + String.join(", ", expected.primaryKey()) + ")");
        }
        return Optional.empty();
    }
}
