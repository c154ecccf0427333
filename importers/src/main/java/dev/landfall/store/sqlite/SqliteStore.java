package dev.landfall.store.sqlite;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.HoldingWrites;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The embedded default store ({@code sqlite:PATH}): one SQLite file in WAL mode holding the tables
 * {@code landfall_kv_namespaces}, {@code landfall_kv} and {@code landfall_do} (see {@code
 * docs/stores/sqlite.md}).
 *
 * <p>One connection serves reads and writes. Each {@link ScopeWriter#flush()} is one {@code BEGIN
 * IMMEDIATE … COMMIT}, so a killed process leaves a batch wholly in or wholly out; after {@link
 * #holdWrites()}, all writes up to {@link #commitHeld()} are one transaction instead. Cursors read in
 * short keyset-paginated queries and hold nothing open between pages, so a caller may write through
 * the same store between {@code next()} calls. Other processes may read the file while it is
 * written; a second writer waits up to the busy timeout.
 *
 * <p>The file runs in WAL mode, except while a held import fills a file this store created: then
 * SQLite's rollback journal writes each page once, into the file, where WAL would write it into
 * the log and copy it into the file again at the checkpoint. The file holds nothing anyone could
 * read yet, and a killed import still leaves none of it (the journal rolls the file back to its
 * empty tables). The file turns to WAL before anything else is written, and at the latest when the
 * store closes.
 *
 * <p>Used from one thread; {@link #close()} is idempotent and may be called from another thread.
 */
public final class SqliteStore implements Store, HoldingWrites {
    private final SqliteLocation where;
    private final Connection connection;
    private final PreparedStatements statements;
    private volatile boolean closed;
    /** Writes go into one open transaction, begun by {@link #holdWrites()}. */
    private boolean holding;
    /** The held transaction was rolled back by a failure: nothing may be written any more. */
    private boolean heldLost;

    /** This store created the file (it did not exist when opened). */
    private final boolean created;
    /** Something was written outside a held transaction (a scope record, a flushed batch). */
    private boolean wroteUnheld;
    /** Close removes the file: this store created it and held every write, none of them committed. */
    private boolean removeOnClose;
    /** The file is in WAL mode; a file this store created is not until {@link #useWal()}. */
    private boolean wal;

    private SqliteStore(SqliteLocation where, Connection connection, boolean created) {
        this.where = where;
        this.connection = connection;
        this.created = created;
        this.wal = !created;
        this.statements = new PreparedStatements(connection);
    }

    /**
     * Opens the database the location names, creating the file, its directories and the tables
     * when missing.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE when the file is not a SQLite database
     *     or holds a table of another shape; REJECTED when it cannot be written; TRANSIENT when
     *     another writer holds it locked beyond the busy timeout
     */
    static SqliteStore open(SqliteLocation where) {
        boolean created = !Files.exists(where.file().toAbsolutePath());
        String file = SqliteFiles.prepare(where).toString();
        Connection connection;
        try {
            connection = config(where).createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqliteErrors.map(where, "open the database", e);
        }
        try {
            SqlitePragmas.apply(connection, where, !created);
            SqliteSchema.ensure(connection, where);
            return new SqliteStore(where, connection, created);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException sql) {
                throw SqliteErrors.map(where, "prepare the database", sql);
            }
            throw (RuntimeException) e;
        }
    }

    private static SQLiteConfig config(SqliteLocation where) {
        SQLiteConfig config = new SQLiteConfig();
        // SqliteFiles created the file owner-only; never let the driver create one with other permissions.
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(where.busyTimeoutMillis());
        return config;
    }

    @Override
    public String describe() {
        return where.label();
    }

    @Override
    public Cursor<Scope> scopes() {
        checkOpen();
        return new SqliteScopeCursor(this);
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) {
        checkOpen();
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(after, "after");
        return new SqliteEntryCursor(this, scope, after);
    }

    /** Opens a writer; a KV namespace is recorded with its title at once, even if nothing is written to it. */
    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) {
        checkOpen();
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        if (scope instanceof KvNamespace kv) {
            wroteUnheld |= !holding;
            try {
                if (!holding) {
                    useWal();
                }
                PreparedStatement ps = statement("INSERT INTO " + SqliteSchema.NAMESPACES
                        + " (namespace_id, title) VALUES (?, ?)"
                        + " ON CONFLICT (namespace_id) DO UPDATE SET title = excluded.title"
                        + " WHERE title IS NOT excluded.title");
                ps.setString(1, kv.namespaceId());
                ps.setString(2, kv.title());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw SqliteErrors.map(where, "record " + scope.describe(), e);
            }
        }
        return new SqliteScopeWriter(this, scope, mode);
    }

    /** Where this store lives, for messages. */
    SqliteLocation location() {
        return where;
    }

    /**
     * A prepared statement, kept for the life of the store: writers and cursors reuse them batch
     * after batch and page after page. Callers must finish with it (close its result set) before
     * returning, so no statement stays active between calls.
     */
    PreparedStatement statement(String sql) throws SQLException {
        checkOpen();
        return statements.get(sql);
    }

    /** Work done inside one transaction. */
    interface Transaction {
        void run() throws SQLException;
    }

    /**
     * Runs the work as one write transaction: {@code BEGIN IMMEDIATE} takes the write lock up front
     * (waiting up to the busy timeout), so the work cannot fail halfway on a lock; any failure rolls
     * everything back.
     *
     * @param doing what the work does, for error messages
     */
    void inTransaction(String doing, Transaction work) {
        if (holding) {
            inHeldTransaction(doing, work);
            return;
        }
        wroteUnheld = true;
        PreparedStatement begin;
        try {
            useWal();
            begin = statement("BEGIN IMMEDIATE");
            begin.execute();
        } catch (SQLException e) {
            throw SqliteErrors.map(where, doing, e);
        }
        try {
            work.run();
            statement("COMMIT").execute();
        } catch (SQLException e) {
            rollback(e);
            throw SqliteErrors.map(where, doing, e);
        } catch (RuntimeException | Error e) {
            rollback(e);
            throw e;
        }
    }

    /** Runs the work inside the held transaction; a failure rolls back all that it held. */
    private void inHeldTransaction(String doing, Transaction work) {
        if (heldLost) {
            throw new IllegalStateException(where.label() + ": the held writes were rolled back by an earlier failure");
        }
        try {
            work.run();
        } catch (SQLException e) {
            loseHeld(e);
            throw SqliteErrors.map(where, doing, e);
        } catch (RuntimeException | Error e) {
            loseHeld(e);
            throw e;
        }
    }

    private void loseHeld(Throwable failure) {
        heldLost = true;
        rollback(failure);
    }

    /**
     * Begins the one transaction every write goes into until {@link #commitHeld()}. {@code BEGIN
     * IMMEDIATE} takes the write lock now, so no other writer can slip in between the batches; the
     * scope records of {@link #open} are held with the entries. Closing the store without the
     * commit rolls it all back, and removes the file if this store created it and wrote nothing
     * else: a failed import into a new file leaves no file behind.
     */
    @Override
    public void holdWrites() {
        checkOpen();
        if (holding) {
            throw new IllegalStateException(where.label() + " already holds its writes");
        }
        boolean fresh = created && !wroteUnheld;
        try {
            if (!fresh) {
                useWal();
            }
            statement("BEGIN IMMEDIATE").execute();
        } catch (SQLException e) {
            throw SqliteErrors.map(where, "begin the import's transaction", e);
        }
        holding = true;
        heldLost = false;
        removeOnClose = fresh;
    }

    /** Commits the held transaction, making every write since {@link #holdWrites()} visible and durable at once. */
    @Override
    public void commitHeld() {
        checkOpen();
        if (!holding || heldLost) {
            throw new IllegalStateException(where.label() + " holds no writes to commit");
        }
        try {
            statement("COMMIT").execute();
        } catch (SQLException e) {
            loseHeld(e);
            throw SqliteErrors.map(where, "commit the import", e);
        }
        holding = false;
        removeOnClose = false;
    }

    /** Turns the file to WAL mode, once; outside any transaction. */
    private void useWal() throws SQLException {
        if (!wal) {
            SqlitePragmas.useWal(connection, where);
            wal = true;
        }
    }

    private void rollback(Throwable failure) {
        // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); then this ROLLBACK
        // fails with "no transaction is active", which is kept as a suppressed detail only.
        try {
            statement("ROLLBACK").execute();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException(where.label() + " is closed");
        }
    }

    /**
     * Closes the statements and the connection. What open writers did not flush is lost, and so is
     * a held transaction not committed. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        statements.close();
        SQLException failure = null;
        try {
            if (!removeOnClose) {
                useWal(); // a file left behind is in WAL mode, whatever was done with it
            }
        } catch (SQLException e) {
            failure = e;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (removeOnClose) {
            SqliteFiles.remove(where);
        }
        if (failure != null) {
            throw SqliteErrors.map(where, "close the database", failure);
        }
    }
}
