package dev.landfall.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One connection of a {@link SqliteKvAccess} with the statements prepared on it, used by one thread
 * at a time: the pool hands it out and takes it back.
 */
final class SqliteKvConnection implements AutoCloseable {
    /** Page cache per reader: the writer keeps the store's 64 MiB, readers share the OS page cache. */
    private static final int READER_CACHE_KIB = 8_192;

    private final Connection connection;
    private final PreparedStatements statements;

    private SqliteKvConnection(Connection connection) {
        this.connection = connection;
        this.statements = new PreparedStatements(connection);
    }

    /** The connection that writes: the store's own settings (WAL, synchronous as the URI says). */
    static SqliteKvConnection writer(SqliteLocation where) throws SQLException {
        Connection c =
                config(where).createConnection("jdbc:sqlite:" + where.file().toAbsolutePath());
        try {
            SqlitePragmas.apply(c, where, true);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new SqliteKvConnection(c);
    }

    /** A connection that only reads: a WAL reader never waits for the writer, nor it for readers. */
    static SqliteKvConnection reader(SqliteLocation where) throws SQLException {
        Connection c =
                config(where).createConnection("jdbc:sqlite:" + where.file().toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = 1");
            s.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new SqliteKvConnection(c);
    }

    private static SQLiteConfig config(SqliteLocation where) {
        SQLiteConfig config = new SQLiteConfig();
        // The file exists (the schema was ensured first); never let the driver create one.
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(where.busyTimeoutMillis());
        return config;
    }

    /** A statement prepared once and reused; the caller closes its result set before giving the connection back. */
    PreparedStatement statement(String sql) throws SQLException {
        return statements.get(sql);
    }

    /** Runs the work in one {@code BEGIN IMMEDIATE … COMMIT}, rolled back on any failure. */
    void inTransaction(SqliteStore.Transaction work) throws SQLException {
        statement("BEGIN IMMEDIATE").execute();
        try {
            work.run();
            statement("COMMIT").execute();
        } catch (SQLException | RuntimeException e) {
            try {
                statement("ROLLBACK").execute();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        statements.close();
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing is pending on a connection between calls; the data is committed
        }
    }
}
