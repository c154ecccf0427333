package dev.landfall.store.postgres;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.BufferingScopeWriter;
import dev.landfall.store.ParallelWriters;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.postgresql.copy.CopyIn;

/**
 * Writes one scope. {@link #put} and {@link #delete} buffer, keeping only the last write per key
 * (a delete after a put removes it, a put after a delete brings it back), so no statement sees a
 * key twice. {@link #flush()} sorts the buffer by key and cuts it into up to {@code ?writers=}
 * contiguous key ranges of at least {@link #MIN_PART} rows, written at once on their own
 * connections ({@link ParallelWriters}), each range as one transaction:
 *
 * <ol>
 *   <li>the puts, in key order, by binary COPY: straight into the scope's table when it holds no
 *       key in the batch's range (a fresh import), else into a temporary staging table followed by
 *       one {@code INSERT … SELECT … ON CONFLICT} merge. While the store holds its writes and the
 *       scope holds no key from the batch's first on, the COPY stays open for the next batches
 *       ({@link HeldCopy});
 *   <li>the deletes, as one {@code DELETE … WHERE key = ANY(keys)}.
 * </ol>
 *
 * Key order makes concurrent writers lock keys in the same order and fills the btree sequentially;
 * disjoint ranges never wait for each other's row locks. A flush that fails keeps its buffer: some
 * ranges may have been applied, each whole, and calling {@code flush()} again (on a new connection,
 * if the old one was lost) writes the same batch again, which the merge absorbs. The caller journals
 * a batch only once its flush returned, so a resumed import compares those keys again and finds
 * them in.
 */
final class PostgresScopeWriter extends BufferingScopeWriter {
    private static final String UNIQUE_VIOLATION = "23505";
    /** Rows below which a range is not worth its own connection's round trips and commit. */
    static final int MIN_PART = 128;

    private final ParallelWriters<PostgresSession> sessions;
    private final String store;
    private final ScopeTable table;
    private final byte[][] scopeIds;
    private final BatchRows rows = new BatchRows();

    PostgresScopeWriter(
            ParallelWriters<PostgresSession> sessions, String store, ScopeTable table, Scope scope, WriteMode mode) {
        super(scope, mode);
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.store = Objects.requireNonNull(store, "store");
        this.table = Objects.requireNonNull(table, "table");
        this.scopeIds = table.scopeIds(scope);
    }

    @Override
    protected void buffer(Entry entry) {
        PgText.key(store, scope, entry.key());
        rows.add(table.row(store, entry));
    }

    @Override
    protected void bufferDelete(Key key) {
        PgText.key(store, scope, key);
        rows.add(Row.deleteOf(key));
    }

    @Override
    protected boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    protected void apply() {
        List<Row> sorted = rows.sorted();
        List<Consumer<PostgresSession>> work = new ArrayList<>();
        for (List<Row> range : sessions.ranges(sorted, MIN_PART)) {
            work.add(session -> apply(session, range));
        }
        sessions.runAll(work);
    }

    /** Applies one key range, in key order, as one transaction on the session. */
    private void apply(PostgresSession session, List<Row> range) {
        List<Row> puts = new ArrayList<>(range.size());
        List<String> deletes = new ArrayList<>();
        for (Row r : range) {
            if (r.isDelete()) {
                deletes.add(r.key().text());
            } else {
                puts.add(r);
            }
        }
        String what = "writing " + puts.size() + " entries and deleting " + deletes.size() + " of " + scope.describe();
        if (deletes.isEmpty() && session.addToHeldCopy(what, table, scope, puts)) {
            return;
        }
        if (!puts.isEmpty()) {
            // Created outside the transaction: a rolled-back flush must not take the table away.
            session.ensureStaging(table.stage, table.stageDdl);
        }
        session.inTransaction(what, c -> {
            if (!puts.isEmpty()) {
                // Deletes follow on the connection: no COPY may be left open for them.
                write(session, c, puts, deletes.isEmpty());
            }
            if (!deletes.isEmpty()) {
                delete(session, c, deletes);
            }
            return null;
        });
    }

    /**
     * Writes the puts. When the scope holds no key between the batch's first and last key (one
     * index probe), nothing can conflict and the rows are copied straight into the table, as fast
     * as {@code psql \copy}. Should another writer add a key in that range meanwhile, the primary
     * key rejects the copy, which is rolled back to a savepoint and replaced by the merge: the probe
     * is an optimisation, never trusted for correctness. While writes are held and the scope holds
     * no key from the batch's first on, the copy is left open for the batches after it instead
     * (a key added meanwhile then fails the import, which wrote nothing).
     */
    private void write(PostgresSession session, Connection c, List<Row> puts, boolean mayStayOpen) throws SQLException {
        String next = nextKey(session, puts.get(0).key());
        if (next == null && mayStayOpen && session.holding()) {
            session.startHeldCopy(table, scope, scopeIds).write(puts);
            return;
        }
        if (next == null || Key.of(next).compareTo(puts.get(puts.size() - 1).key()) > 0) {
            Savepoint direct = c.setSavepoint();
            try {
                copy(session, table.directCopySql, puts, scopeIds);
                c.releaseSavepoint(direct);
                return;
            } catch (SQLException e) {
                rollbackOnConflict(c, direct, e);
            }
        }
        copy(session, table.stageCopySql, puts, null);
        merge(session);
        if (session.holding()) {
            // No commit empties the staging table (ON COMMIT DELETE ROWS) before the next flush merges.
            session.statement(table.clearStageSql).executeUpdate();
        }
    }

    /**
     * Merges the staging table into the scope's table in one statement: {@code INSERT … SELECT …
     * ON CONFLICT DO UPDATE} (UPSERT, MIRROR) or {@code DO NOTHING} (CREATE_ONLY). Each row probes
     * the primary key, whatever plan PostgreSQL picks for a staging table it has no statistics of;
     * an {@code UPDATE … FROM} plus {@code INSERT … WHERE NOT EXISTS} pair measured faster on small
     * tables but was planned as hash joins over the whole table once it grew.
     */
    private void merge(PostgresSession session) throws SQLException {
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

    /** The scope's first key at or after {@code from}, or null if it holds none (one index probe). */
    private String nextKey(PostgresSession session, Key from) throws SQLException {
        PreparedStatement ps = session.statement(table.nextKeySql);
        int i = table.bindScope(ps, scope, 1);
        ps.setString(i, from.text());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void copy(PostgresSession session, String sql, List<Row> puts, byte[][] ids) throws SQLException {
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

    private void delete(PostgresSession session, Connection c, List<String> keys) throws SQLException {
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
