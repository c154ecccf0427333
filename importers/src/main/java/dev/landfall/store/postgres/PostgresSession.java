package dev.landfall.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
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
 * cursor's pages.
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
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Set<String> staged = new HashSet<>();
    private Connection connection;
    private CopyManager copy;
    private boolean broken;
    private volatile boolean closed;

    PostgresSession(PostgresUri uri, PgPassword.Found password, PostgresErrors errors) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.password = Objects.requireNonNull(password, "password");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    PostgresUri uri() {
        return uri;
    }

    /** Connects now, so that open() reports a wrong password or host at once. */
    void connect() {
        connection();
    }

    /** Runs work in autocommit mode; {@code what} names it in errors. */
    <T> T autocommit(String what, SqlWork<T> work) {
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
