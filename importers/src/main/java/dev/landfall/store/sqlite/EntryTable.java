package dev.landfall.store.sqlite;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.store.KvTableRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The SQL of the two entry tables and how entries bind to it. Everything that comes from input is
 * a bound parameter.
 *
 * <p>Keys are bound as bytes and cast to TEXT in SQL: SQLite keeps a cast BLOB's bytes as they are,
 * so a key is stored byte for byte without a round trip through a Java {@code String}, and the
 * container service can still look it up with a string parameter.
 *
 * <p>Puts go in groups of {@link #ROWS_PER_INSERT} rows per INSERT, with the scope's columns bound
 * once per group ({@code ?1}, {@code ?2} repeated in every row): a fifth of the native calls and
 * statement steps of one row per INSERT, which is most of what the driver adds to SQLite's own work.
 */
enum EntryTable {
    /** {@code landfall_kv}: value BLOB, metadata TEXT, expiration INTEGER. */
    KV(
            "landfall_kv",
            List.of("namespace_id"),
            List.of("value", "metadata", "expiration"),
            List.of("?", "?", "?"),
            "SELECT key, value, metadata, expiration FROM landfall_kv WHERE namespace_id = ?") {
        @Override
        void bindScope(PreparedStatement ps, Scope scope) throws SQLException {
            ps.setString(1, ((KvNamespace) scope).namespaceId());
        }

        @Override
        void bindValue(PreparedStatement ps, int index, Entry e) throws SQLException {
            ps.setBytes(index, e.value());
            if (e.metadataJson() == null) {
                ps.setNull(index + 1, Types.VARCHAR);
            } else {
                ps.setString(index + 1, e.metadataJson());
            }
            if (e.expiration() == null) {
                ps.setNull(index + 2, Types.BIGINT);
            } else {
                ps.setLong(index + 2, e.expiration());
            }
        }

        @Override
        Entry read(ResultSet rs, Scope scope) throws SQLException {
            return new Entry(scope, key(rs), bytes(rs, 2), rs.getString(3), KvTableRows.expiration(rs, 4));
        }
    },

    /** {@code landfall_do}: value TEXT (typed JSON, cast from bytes like the key), no metadata or expiration. */
    DO(
            "landfall_do",
            List.of("namespace_id", "object_id"),
            List.of("value"),
            List.of("CAST(? AS TEXT)"),
            "SELECT key, value FROM landfall_do WHERE namespace_id = ? AND object_id = ?") {
        @Override
        void bindScope(PreparedStatement ps, Scope scope) throws SQLException {
            DurableObject d = (DurableObject) scope;
            ps.setString(1, d.namespaceId());
            ps.setString(2, d.objectId());
        }

        @Override
        void bindValue(PreparedStatement ps, int index, Entry e) throws SQLException {
            ps.setBytes(index, e.value());
        }

        @Override
        Entry read(ResultSet rs, Scope scope) throws SQLException {
            return new Entry(scope, key(rs), bytes(rs, 2), null, null);
        }
    };

    /** Rows per multi-row INSERT; measured: 50 takes a fifth less CPU than 1, and more gains nothing. */
    static final int ROWS_PER_INSERT = 50;

    private final int scopeParams;
    /** Parameters per row after the scope's: the key, then the value columns. */
    private final int rowParams;

    private final String upsertOne;
    private final String upsertMany;
    private final String insertNewOne;
    private final String insertNewMany;
    /** DELETE of one key: MIRROR. Parameters: scope…, key. */
    final String delete;
    /** The first page of a scope. Parameters: scope…, limit. */
    final String firstPage;
    /** A page after a key. Parameters: scope…, key, limit. */
    final String pageAfter;

    /**
     * @param valueColumns the columns after the key
     * @param valuePlaceholders per value column, "?" or an expression around one "?"
     */
    EntryTable(
            String table,
            List<String> scopeColumns,
            List<String> valueColumns,
            List<String> valuePlaceholders,
            String select) {
        this.scopeParams = scopeColumns.size();
        this.rowParams = 1 + valueColumns.size();
        String key = String.join(", ", scopeColumns) + ", key";
        String insert = "INSERT INTO " + table + " (" + key + ", " + String.join(", ", valueColumns) + ") VALUES ";
        StringBuilder update = new StringBuilder(" ON CONFLICT (" + key + ") DO UPDATE SET ");
        for (int i = 0; i < valueColumns.size(); i++) {
            update.append(i == 0 ? "" : ", ")
                    .append(valueColumns.get(i))
                    .append(" = excluded.")
                    .append(valueColumns.get(i));
        }
        String valuesOne = rows(1, valuePlaceholders);
        String valuesMany = rows(ROWS_PER_INSERT, valuePlaceholders);
        this.upsertOne = insert + valuesOne + update;
        this.upsertMany = insert + valuesMany + update;
        this.insertNewOne = insert + valuesOne + " ON CONFLICT DO NOTHING";
        this.insertNewMany = insert + valuesMany + " ON CONFLICT DO NOTHING";
        StringBuilder where = new StringBuilder();
        for (String c : scopeColumns) {
            where.append(c).append(" = ? AND ");
        }
        this.delete = "DELETE FROM " + table + " WHERE " + where + "key = CAST(? AS TEXT)";
        this.firstPage = select + " ORDER BY key LIMIT ?";
        this.pageAfter = select + " AND key > CAST(? AS TEXT) ORDER BY key LIMIT ?";
    }

    /** {@code (?1, CAST(?2 AS TEXT), ?3, …), (?1, CAST(?6 AS TEXT), …)}: scope parameters shared by all rows. */
    private String rows(int count, List<String> valuePlaceholders) {
        StringBuilder sql = new StringBuilder();
        int next = scopeParams + 1;
        for (int r = 0; r < count; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int s = 1; s <= scopeParams; s++) {
                sql.append('?').append(s).append(", ");
            }
            sql.append("CAST(?").append(next++).append(" AS TEXT)");
            for (String placeholder : valuePlaceholders) {
                sql.append(", ").append(placeholder.replace("?", "?" + next++));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** The table that holds entries of this kind of scope. */
    static EntryTable of(Scope scope) {
        return scope instanceof KvNamespace ? KV : DO;
    }

    /** The INSERT of {@code rows} entries (1 or {@link #ROWS_PER_INSERT}) for the mode. */
    String insert(WriteMode mode, int rows) {
        boolean many = rows == ROWS_PER_INSERT;
        if (!many && rows != 1) {
            throw new IllegalArgumentException("rows must be 1 or " + ROWS_PER_INSERT + ": " + rows);
        }
        if (mode == WriteMode.CREATE_ONLY) {
            return many ? insertNewMany : insertNewOne;
        }
        return many ? upsertMany : upsertOne;
    }

    /** Binds the scope's columns from parameter 1. */
    abstract void bindScope(PreparedStatement ps, Scope scope) throws SQLException;

    /** Binds the columns after the key, from {@code index}. */
    abstract void bindValue(PreparedStatement ps, int index, Entry e) throws SQLException;

    /** The entry of the current row of a page query. */
    abstract Entry read(ResultSet rs, Scope scope) throws SQLException;

    /** Binds row {@code row} of an INSERT; the scope is bound separately, once. */
    void bindRow(PreparedStatement ps, int row, Entry e) throws SQLException {
        int key = scopeParams + 1 + row * rowParams;
        ps.setBytes(key, e.key().bytes());
        bindValue(ps, key + 1, e);
    }

    /** Binds a delete: scope, key. */
    void bindDelete(PreparedStatement ps, Scope scope, Key key) throws SQLException {
        bindScope(ps, scope);
        ps.setBytes(scopeParams + 1, key.bytes());
    }

    /** Binds a page query: scope, the key to start after (if any), the limit. */
    void bindPage(PreparedStatement ps, Scope scope, Key after, int limit) throws SQLException {
        bindScope(ps, scope);
        int i = scopeParams + 1;
        if (after != null) {
            ps.setBytes(i++, after.bytes());
        }
        ps.setInt(i, limit);
    }

    private static Key key(ResultSet rs) throws SQLException {
        return Key.ofBytes(bytes(rs, 1));
    }

    /** Column bytes; SQLite returns no buffer for an empty value, which is still a value. */
    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? new byte[0] : b;
    }
}
