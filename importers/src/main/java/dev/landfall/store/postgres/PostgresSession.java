package dev.landfall.store.postgres;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Scope;
import dev.landfall.store.postgres.ScopeTable.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The store's one connection, shared by its cursors and writers on one thread: prepared
 * statements are kept per SQL text, and temporary staging tables are created once per connection.
 * Everything runs in autocommit except {@link #inTransaction}, so nothing stays open between a
 * cursor's pages; while the store holds its writes ({@link HeldTransactions}), everything instead
 * runs in one transaction begun on first use and left open until {@link #commitHeld()}; there a
 * COPY may also stay open across flushes ({@link HeldCopy}), and anything else the session does
 * first ends it.
 *
 * <p>After the server or the network drops the connection, the next use opens a new one (and
 * forgets the old statements and staging tables), so a flush that failed transiently can simply
 * be called again.
 */
final class PostgresSession implements AutoCloseable {
    /** Work done on the connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final PostgresUri uri;
    private final PgPassword.Found password;
    private final PostgresErrors errors;
    private final HeldTransactions held;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Set<String> staged = new HashSet<>();
    private Connection connection;
    private CopyManager copy;
    private boolean broken;
    private volatile boolean closed;
    /** The connection the held transaction was begun on; null while none is. */
    private Connection heldOn;
    /** The held transaction was rolled back by a failure (or lost with its connection). */
    private boolean heldLost;
    /** The COPY open in the held transaction across flushes; null while none is. */
    private HeldCopy heldCopy;

    PostgresSession(PostgresUri uri, PgPassword.Found password, PostgresErrors errors, HeldTransactions held) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.password = Objects.requireNonNull(password, "password");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.held = Objects.requireNonNull(held, "held");
    }

    PostgresUri uri() {
        return uri;
    }

    /** Connects now, so that open() reports a wrong password or host at once. */
    void connect() {
        connection();
    }

    /** Runs work in autocommit mode (in the held transaction, while there is one); {@code what} names it in errors. */
    <T> T autocommit(String what, SqlWork<T> work) {
        if (held.holding()) {
            return inHeldTransaction(what, work);
        }
        Connection c = connection();
        try {
            return work.run(c);
        } catch (SQLException e) {
            noteFailure(e);
            throw errors.doing(what, e);
        }
    }

    /**
     * Runs work as one transaction: committed if it returns, rolled back if it throws. A connection
     * lost mid-way leaves nothing applied: the server rolls back what it did not see committed.
     */
    <T> T inTransaction(String what, SqlWork<T> work) {
        if (held.holding()) {
            return inHeldTransaction(what, work);
        }
        Connection c = connection();
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            noteFailure(e);
            rollbackQuietly(c);
            throw errors.doing(what, e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /** Runs work inside the held transaction, after ending its open COPY; any failure rolls back all that it held. */
    private <T> T inHeldTransaction(String what, SqlWork<T> work) {
        return inHeldTransaction(what, work, false);
    }

    private <T> T inHeldTransaction(String what, SqlWork<T> work, boolean keepCopy) {
        Connection c = heldConnection(what);
        try {
            if (!keepCopy) {
                endHeldCopy();
            }
            return work.run(c);
        } catch (SQLException e) {
            noteFailure(e);
            // A failure while a COPY is open is the COPY's: nothing else runs beside it.
            HeldCopy copy = heldCopy;
            loseHeld(c);
            throw copy != null ? copy.failure(uri.label(), errors, e) : errors.doing(what, e);
        } catch (RuntimeException e) {
            loseHeld(c);
            throw e;
        }
    }

    /**
     * Starts a COPY of puts into the scope's table that stays open in the held transaction after
     * this flush; call it from work of {@link #inTransaction} while holding, where the scope holds
     * no key at or after the first one the copy will take.
     */
    HeldCopy startHeldCopy(ScopeTable table, Scope scope, byte[][] scopeIds) throws SQLException {
        if (!held.holding() || heldCopy != null) {
            throw new IllegalStateException("a held COPY needs held writes and none open");
        }
        heldCopy = HeldCopy.start(copy.copyIn(table.directCopySql), table, scope, scopeIds);
        return heldCopy;
    }

    /**
     * Adds puts (sorted by key) to the open held COPY if it takes them (the same table and scope,
     * every key after its last), without waiting for the server; false if it does not.
     */
    boolean addToHeldCopy(String what, ScopeTable table, Scope scope, List<Row> puts) {
        HeldCopy open = heldCopy;
        if (open == null
                || puts.isEmpty()
                || !open.takes(table, scope, puts.get(0).key())) {
            return false;
        }
        inHeldTransaction(
                what,
                c -> {
                    open.write(puts);
                    return null;
                },
                true);
        return true;
    }

    /** Ends the open held COPY, if any, waiting for the server to have written its rows. */
    private void endHeldCopy() throws SQLException {
        HeldCopy open = heldCopy;
        if (open != null) {
            open.end();
            heldCopy = null;
        }
    }

    /** Begins this session's held transaction now, if it has none yet (the store's main session). */
    void beginHeld() {
        heldConnection("beginning the held transaction");
    }

    /**
     * The connection of the held transaction, begun on first use. A connection opened since would
     * have lost what the old one held, so it fails instead of writing the rest without it.
     */
    private Connection heldConnection(String what) {
        if (heldLost) {
            throw lostHeld(what);
        }
        Connection c = connection();
        if (heldOn == null) {
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                noteFailure(e);
                throw errors.doing(what, e);
            }
            heldOn = c;
            held.joined(this);
        } else if (heldOn != c) {
            heldLost = true;
            throw lostHeld(what);
        }
        return c;
    }

    /** Commits the held transaction; fails if it was lost. */
    void commitHeld() {
        Connection c = heldOn;
        heldOn = null;
        if (heldLost || c == null || c != connection || broken) {
            heldLost = true;
            throw lostHeld("committing");
        }
        try {
            endHeldCopy();
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            noteFailure(e);
            HeldCopy copy = heldCopy;
            loseHeld(c);
            throw copy != null ? copy.failure(uri.label(), errors, e) : errors.doing("committing the held writes", e);
        }
    }

    private void loseHeld(Connection c) {
        heldLost = true;
        HeldCopy open = heldCopy;
        heldCopy = null;
        if (open != null && !broken) {
            open.abandon(); // the protocol leaves COPY mode only then; the rollback follows
        }
        rollbackQuietly(c);
    }

    private LandfallException lostHeld(String what) {
        return LandfallException.transientFailure(
                "store " + uri.label() + ": the writes held for this import were rolled back (an earlier failure or a"
                        + " lost connection) before " + what,
                "nothing was committed; run the same command again",
                null);
    }

    /** Whether work runs in a held transaction, whose end does not empty the staging tables. */
    boolean holding() {
        return held.holding();
    }

    /** The prepared statement for this SQL on the current connection, made once. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** The COPY API of the current connection. */
    CopyManager copy() {
        connection();
        return copy;
    }

    /**
     * Creates a temporary staging table once per connection, in autocommit so a rolled-back flush
     * cannot take it away. {@code ON COMMIT DELETE ROWS} empties it at each commit.
     */
    void ensureStaging(String name, String ddl) {
        connection(); // a new connection forgets the staging tables of the old one
        if (staged.contains(name)) {
            return;
        }
        autocommit("creating the staging table " + name, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(ddl);
            }
            return null;
        });
        staged.add(name);
    }

    private Connection connection() {
        if (closed) {
            throw new IllegalStateException("store " + uri.label() + " is closed");
        }
        if (connection != null && !broken && isAlive(connection)) {
            return connection;
        }
        forget();
        Properties props = uri.driverProperties(password, "landfall");
        props.setProperty("connectTimeout", "10");
        String url = uri.jdbcUrl();
        try {
            Connection c = new Driver().connect(url, props);
            if (c == null) {
                throw new IllegalStateException("the PostgreSQL driver did not accept its own URL");
            }
            connection = c;
            copy = c.unwrap(PGConnection.class).getCopyAPI();
            return c;
        } catch (SQLException e) {
            throw errors.connecting(e);
        }
    }

    /** Remembers a lost connection, so the next use opens a new one instead of failing again. */
    private void noteFailure(SQLException e) {
        String state = Objects.toString(e.getSQLState(), "");
        if (state.startsWith("08") || state.startsWith("57P")) {
            broken = true;
        }
    }

    private static boolean isAlive(Connection c) {
        try {
            return !c.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private void forget() {
        broken = false;
        heldCopy = null;
        statements.clear();
        staged.clear();
        copy = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken: nothing to release on the server
            }
            connection = null;
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            if (!broken && !c.isClosed()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the connection is gone; the server rolls back on its own
        }
    }

    /** Closes the connection. Idempotent; may be called from another thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
