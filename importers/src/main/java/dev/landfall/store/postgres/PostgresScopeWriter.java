package dev.landfall.store.postgres;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.BufferingScopeWriter;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.postgresql.copy.CopyIn;

/**
 * Writes one scope. {@link #put} and {@link #delete} buffer, keeping only the last write per key
 * (a delete after a put removes it, a put after a delete brings it back), so no statement sees a
 * key twice. {@link #flush()} is one transaction:
 *
 * <ol>
 *   <li>the puts, in key order, by binary COPY: straight into the scope's table when it holds no
 *       key in the batch's range (a fresh import), else into a temporary staging table followed by
 *       one {@code INSERT … SELECT … ON CONFLICT} merge;
 *   <li>the deletes, as one {@code DELETE … WHERE key = ANY(keys)}.
 * </ol>
 *
 * Key order makes concurrent writers lock keys in the same order and fills the btree sequentially.
 * A flush that fails keeps its buffer: nothing of it was applied, and calling {@code flush()} again
 * (on a new connection, if the old one was lost) retries the same batch.
 */
final class PostgresScopeWriter extends BufferingScopeWriter {
    private static final String UNIQUE_VIOLATION = "23505";

    private final PostgresSession session;
    private final ScopeTable table;
    private final byte[][] scopeIds;
    // Insertion order: sources deliver keys sorted, and sorting sorted input is one linear pass.
    private final Map<Key, Row> rows = new LinkedHashMap<>();

    PostgresScopeWriter(PostgresSession session, ScopeTable table, Scope scope, WriteMode mode) {
        super(scope, mode);
        this.session = Objects.requireNonNull(session, "session");
        this.table = Objects.requireNonNull(table, "table");
        this.scopeIds = table.scopeIds(scope);
    }

    @Override
    protected void buffer(Entry entry) {
        String store = session.uri().label();
        PgText.key(store, scope, entry.key());
        rows.put(entry.key(), table.row(store, entry));
    }

    @Override
    protected void bufferDelete(Key key) {
        PgText.key(session.uri().label(), scope, key);
        rows.put(key, Row.deleteOf(key));
    }

    @Override
    protected boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    protected void apply() {
        List<Row> puts = new ArrayList<>(rows.size());
        List<String> deletes = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.isDelete()) {
                deletes.add(r.key().text());
            } else {
                puts.add(r);
            }
        }
        puts.sort((a, b) -> a.key().compareTo(b.key()));
        if (!puts.isEmpty()) {
            // Created outside the transaction: a rolled-back flush must not take the table away.
            session.ensureStaging(table.stage, table.stageDdl);
        }
        session.inTransaction(
                "writing " + puts.size() + " entries and deleting " + deletes.size() + " of " + scope.describe(), c -> {
                    if (!puts.isEmpty()) {
                        write(c, puts);
                    }
                    if (!deletes.isEmpty()) {
                        delete(c, deletes);
                    }
                    return null;
                });
    }

    /**
     * Writes the puts. When the scope holds no key between the batch's first and last key (one
     * index probe), nothing can conflict and the rows are copied straight into the table, as fast
     * as {@code psql \copy}. Should another writer add a key in that range meanwhile, the primary
     * key rejects the copy, which is rolled back to a savepoint and replaced by the merge: the probe
     * is an optimisation, never trusted for correctness.
     */
    private void write(Connection c, List<Row> puts) throws SQLException {
        if (rangeIsEmpty(puts)) {
            Savepoint direct = c.setSavepoint();
            try {
                copy(table.directCopySql, puts, scopeIds);
                c.releaseSavepoint(direct);
                return;
            } catch (SQLException e) {
                rollbackOnConflict(c, direct, e);
            }
        }
        copy(table.stageCopySql, puts, null);
        merge();
    }

    /**
     * Merges the staging table into the scope's table in one statement: {@code INSERT … SELECT …
     * ON CONFLICT DO UPDATE} (UPSERT, MIRROR) or {@code DO NOTHING} (CREATE_ONLY). Each row probes
     * the primary key, whatever plan PostgreSQL picks for a staging table it has no statistics of;
     * an {@code UPDATE … FROM} plus {@code INSERT … WHERE NOT EXISTS} pair measured faster on small
     * tables but was planned as hash joins over the whole table once it grew.
     */
    private void merge() throws SQLException {
        PreparedStatement ps =
                session.statement(mode == WriteMode.CREATE_ONLY ? table.insertIfAbsentSql : table.upsertSql);
        table.bindScope(ps, scope, 1);
        ps.executeUpdate();
    }

    private static void rollbackOnConflict(Connection c, Savepoint savepoint, SQLException e) throws SQLException {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
        }
        c.rollback(savepoint);
    }

    private boolean rangeIsEmpty(List<Row> sorted) throws SQLException {
        PreparedStatement ps = session.statement(table.rangeSql);
        int i = table.bindScope(ps, scope, 1);
        ps.setString(i++, sorted.get(0).key().text());
        ps.setString(i, sorted.get(sorted.size() - 1).key().text());
        try (ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }

    private void copy(String sql, List<Row> puts, byte[][] ids) throws SQLException {
        CopyIn in = session.copy().copyIn(sql);
        try {
            BinaryCopyOut out = new BinaryCopyOut(in::writeToCopy);
            out.header();
            for (Row r : puts) {
                table.encode(out, ids, r);
            }
            out.finish();
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(in, e);
            throw e;
        }
    }

    private static void cancelQuietly(CopyIn in, Exception failure) {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e); // the connection is likely gone; the transaction rolls back with it
        }
    }

    private void delete(Connection c, List<String> keys) throws SQLException {
        PreparedStatement ps = session.statement(table.deleteSql);
        int next = table.bindScope(ps, scope, 1);
        Array array = c.createArrayOf("text", keys.toArray(new String[0]));
        try {
            ps.setArray(next, array);
            ps.executeUpdate();
        } finally {
            array.free();
        }
    }

    @Override
    protected void discard() {
        rows.clear();
    }
}
