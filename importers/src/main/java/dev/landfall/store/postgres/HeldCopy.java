package dev.landfall.store.postgres;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.postgresql.copy.CopyIn;

/**
 * A binary COPY straight into a scope's table that stays open across flushes while the store
 * holds its writes: the rows of every batch are added to it, and it ends (the one wait for the
 * server) only when its session needs the connection for something else or commits. A COPY ended
 * per batch made the writer wait for the server to finish each batch before it could go on with
 * the next, so the two took turns instead of working at once.
 *
 * <p>It is started only where the scope holds no key at or after the first key written, and it
 * takes only batches whose keys all come after the last one it took, so nothing it writes can meet
 * a key already there. Rows another session adds to that range meanwhile make it fail on the
 * primary key; the held transaction is then lost, and the import fails with nothing written.
 */
final class HeldCopy {
    private static final String UNIQUE_VIOLATION = "23505";

    private final ScopeTable table;
    private final Scope scope;
    private final byte[][] scopeIds;
    private final CopyIn in;
    private final BinaryCopyOut out;
    private Key last;

    private HeldCopy(ScopeTable table, Scope scope, byte[][] scopeIds, CopyIn in) {
        this.table = table;
        this.scope = scope;
        this.scopeIds = scopeIds;
        this.in = in;
        this.out = new BinaryCopyOut(in::writeToCopy);
    }

    /** Starts the COPY on the copy API of the session's connection and writes its header. */
    static HeldCopy start(CopyIn in, ScopeTable table, Scope scope, byte[][] scopeIds) throws SQLException {
        HeldCopy copy = new HeldCopy(
                Objects.requireNonNull(table, "table"),
                Objects.requireNonNull(scope, "scope"),
                Objects.requireNonNull(scopeIds, "scopeIds"),
                Objects.requireNonNull(in, "in"));
        copy.out.header();
        return copy;
    }

    /** Whether rows of this table and scope from {@code first} on can follow what it took so far. */
    boolean takes(ScopeTable table, Scope scope, Key first) {
        return this.table == table
                && (this.scope == scope || this.scope.id().equals(scope.id()))
                && (last == null || first.compareTo(last) > 0);
    }

    /** Adds puts, sorted by key and all after the last one taken. */
    void write(List<Row> puts) throws SQLException {
        for (Row r : puts) {
            table.encode(out, scopeIds, r);
        }
        last = puts.get(puts.size() - 1).key();
    }

    /** Ends the COPY and waits for the server to have written every row. */
    void end() throws SQLException {
        out.finish();
        in.endCopy();
    }

    /** Abandons the COPY after a failure, so that its transaction can be rolled back. */
    void abandon() {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection is likely gone; the server rolls back with it
        }
    }

    /**
     * The failure of this COPY: a key another session added to its range is named as such (a rerun
     * merges instead), anything else as what it was doing.
     */
    LandfallException failure(String store, PostgresErrors errors, SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return LandfallException.transientFailure(
                    "store " + store + ": another session wrote keys of " + scope.describe()
                            + " while this import was copying them",
                    "nothing was written; run the same command again (it merges with those keys)",
                    null);
        }
        return errors.doing("copying entries of " + scope.describe(), e);
    }
}
