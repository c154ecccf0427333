package dev.landfall.store.postgres;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.store.KvTableRows;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one kind of scope, generated from its columns: KV entries ({@code landfall_kv},
 * scoped by namespace, with value bytes, metadata and expiration) or Durable Object entries
 * ({@code landfall_do}, scoped by namespace and object, with a typed-JSON text value). Scope ids and
 * keys are always bound parameters; only the quoted schema name is part of the SQL text.
 */
final class ScopeTable {
    /** A buffered write: a put (value non-null) or a delete (value null). */
    record Row(Key key, byte[] value, byte[] metadata, Long expiration) {
        static Row deleteOf(Key key) {
            return new Row(key, null, null, null);
        }

        boolean isDelete() {
            return value == null;
        }
    }

    private final boolean kv;
    private final List<String> scopeColumns;
    final String stage;
    final String stageDdl;
    final String stageCopySql;
    final String clearStageSql;
    final String directCopySql;
    final String nextKeySql;
    final String upsertSql;
    final String insertIfAbsentSql;
    final String deleteSql;
    final String firstPageSql;
    final String nextPageSql;

    private ScopeTable(String table, boolean kv, List<String> scopeColumns, String valueColumnsDdl) {
        this.kv = kv;
        this.scopeColumns = scopeColumns;
        List<String> values = List.of(valueColumnsDdl.split(", ")).stream()
                .map(c -> c.split(" ")[0])
                .toList();
        String valueList = String.join(", ", values);
        String scopeList = String.join(", ", scopeColumns);
        String scopeParams = scopeColumns.stream().map(c -> "?::text").collect(Collectors.joining(", "));
        String scopeWhere = scopeColumns.stream().map(c -> "t." + c + " = ?").collect(Collectors.joining(" AND "));
        String setExcluded = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        String tValues = values.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
        String sValues = values.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
        String excludedValues = values.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
        String stageTable = "pg_temp." + (kv ? "landfall_kv_stage" : "landfall_do_stage");
        String insert = "INSERT INTO " + table + " AS t (" + scopeList + ", key, " + valueList + ") SELECT "
                + scopeParams + ", s.key, " + sValues + " FROM " + stageTable + " s";

        this.stage = stageTable;
        this.clearStageSql = "TRUNCATE " + stageTable;
        // Emptied by every commit, so a failed flush leaves nothing for the next one.
        this.stageDdl = "CREATE TEMP TABLE IF NOT EXISTS " + stageTable.substring("pg_temp.".length())
                + " (key text COLLATE \"C\", " + valueColumnsDdl + ") ON COMMIT DELETE ROWS";
        this.stageCopySql = "COPY " + stageTable + " (key, " + valueList + ") FROM STDIN (FORMAT binary)";
        this.directCopySql =
                "COPY " + table + " (" + scopeList + ", key, " + valueList + ") FROM STDIN (FORMAT binary)";
        this.nextKeySql =
                "SELECT t.key FROM " + table + " t WHERE " + scopeWhere + " AND t.key >= ? ORDER BY t.key LIMIT 1";
        // Rows sent again unchanged (a resumed run) are left alone: no new row version, no bloat.
        this.upsertSql = insert + " ON CONFLICT (" + scopeList + ", key) DO UPDATE SET " + setExcluded + " WHERE ("
                + tValues + ") IS DISTINCT FROM (" + excludedValues + ")";
        this.insertIfAbsentSql = insert + " ON CONFLICT (" + scopeList + ", key) DO NOTHING";
        this.deleteSql = "DELETE FROM " + table + " t WHERE " + scopeWhere + " AND t.key = ANY(?::text[])";
        this.firstPageSql = pageSql(table, scopeWhere, valueList, false);
        this.nextPageSql = pageSql(table, scopeWhere, valueList, true);
    }

    /** KV entries: {@code landfall_kv(namespace_id, key, value, metadata, expiration)}. */
    static ScopeTable kv(String quotedSchema) {
        return new ScopeTable(
                quotedSchema + "." + PostgresSchema.KV,
                true,
                List.of("namespace_id"),
                "value bytea, metadata text, expiration bigint");
    }

    /** Durable Object entries: {@code landfall_do(namespace_id, object_id, key, value)}. */
    static ScopeTable durableObjects(String quotedSchema) {
        return new ScopeTable(
                quotedSchema + "." + PostgresSchema.DO, false, List.of("namespace_id", "object_id"), "value text");
    }

    /**
     * One page after a key (or from the start): at most LIMIT rows, and it stops once the values
     * before a row reach the byte cap, which bounds even a first page whose value sizes are not
     * known yet. Parameters: the scope, the key if {@code after}, the limit, the cap. The last
     * column is the value's size.
     */
    private static String pageSql(String table, String scopeWhere, String valueList, boolean after) {
        return "SELECT key, " + valueList + ", size FROM (SELECT t.key, " + valueList
                + ", octet_length(t.value) AS size, coalesce(sum(octet_length(t.value)) OVER (ORDER BY t.key"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM " + table + " t WHERE "
                + scopeWhere + (after ? " AND t.key > ?" : "") + " ORDER BY t.key LIMIT ?) page"
                + " WHERE before < ? ORDER BY key";
    }

    /** Checks an entry and makes its row; throws REJECTED for what PostgreSQL text cannot hold. */
    Row row(String store, Entry entry) {
        Scope scope = entry.scope();
        if (kv) {
            return new Row(
                    entry.key(),
                    entry.value(),
                    PgText.metadata(store, scope, entry.key(), entry.metadataJson()),
                    entry.expiration());
        }
        if (entry.metadataJson() != null || entry.expiration() != null) {
            throw new IllegalArgumentException("durable object entries have no metadata or expiration: " + entry);
        }
        return new Row(entry.key(), PgText.doValue(store, scope, entry.key(), entry.value()), null, null);
    }

    /** The scope's ids as UTF-8, the leading columns of a direct COPY. */
    byte[][] scopeIds(Scope scope) {
        if (scope instanceof DurableObject d) {
            return new byte[][] {utf8(d.namespaceId()), utf8(d.objectId())};
        }
        return new byte[][] {utf8(((KvNamespace) scope).namespaceId())};
    }

    /** Encodes a put row for COPY: with the scope's ids first (direct) or without (staging, null). */
    void encode(BinaryCopyOut out, byte[][] scopeIds, Row row) throws SQLException {
        int ids = scopeIds == null ? 0 : scopeIds.length;
        out.row(ids + (kv ? 4 : 2));
        for (int i = 0; i < ids; i++) {
            out.bytes(scopeIds[i]);
        }
        out.bytes(row.key().bytes());
        out.bytes(row.value());
        if (kv) {
            out.bytes(row.metadata());
            out.int8(row.expiration());
        }
    }

    /** Binds the scope's ids from parameter {@code at} on; returns the next parameter index. */
    int bindScope(PreparedStatement ps, Scope scope, int at) throws SQLException {
        if (scope instanceof DurableObject d) {
            ps.setString(at, d.namespaceId());
            ps.setString(at + 1, d.objectId());
        } else {
            ps.setString(at, ((KvNamespace) scope).namespaceId());
        }
        return at + scopeColumns.size();
    }

    /** Reads the current row of a page as an entry of the scope. */
    Entry entry(Scope scope, ResultSet rs) throws SQLException {
        Key key = Key.of(rs.getString(1));
        if (!kv) {
            return new Entry(scope, key, utf8(rs.getString(2)), null, null);
        }
        return new Entry(scope, key, rs.getBytes(2), rs.getString(3), KvTableRows.expiration(rs, 4));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
