package dev.landfall.store.sqlite;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.InProcessReads;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.store.KvTableRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link KvAccess} over the tables {@code landfall import} writes into a SQLite file (see {@code
 * docs/stores/sqlite.md}), for {@code landfall serve}.
 *
 * <p>WAL lets readers and one writer work at once, so reads go to a small pool of read-only
 * connections, each with its statements prepared once, and writes are serialised on one connection.
 * A get is one primary-key lookup, in this process ({@link InProcessReads}). Other processes (an import, a follower) may write the file at the
 * same time; a write here then waits up to the URI's {@code busy_timeout}.
 */
public final class SqliteKvAccess implements KvAccess, InProcessReads {
    /** Readers: enough for the 2–4 cores of a sidecar; more would only queue inside SQLite's locks. */
    static final int READERS = 4;
    /** How long a call waits for a free reader before it fails rather than hang. */
    private static final long BORROW_TIMEOUT_MS = 2_000;

    private static final String GET = "SELECT value, metadata, expiration FROM " + SqliteSchema.KV
            + " WHERE namespace_id = ? AND key = CAST(? AS TEXT) AND (expiration IS NULL OR expiration > ?)";
    private static final String NAMESPACES =
            "SELECT namespace_id, title FROM " + SqliteSchema.NAMESPACES + " ORDER BY namespace_id";
    // A put never renames a namespace: serve may know a namespace by its id only.
    private static final String ADD_NAMESPACE = "INSERT INTO " + SqliteSchema.NAMESPACES
            + " (namespace_id, title) VALUES (?, ?) ON CONFLICT (namespace_id) DO NOTHING";
    private static final String UPSERT = EntryTable.KV.insert(WriteMode.UPSERT, 1);

    private final SqliteLocation where;
    private final SqliteKvConnection writer;
    private final BlockingQueue<SqliteKvConnection> idleReaders;
    private volatile boolean closed;

    private SqliteKvAccess(SqliteLocation where, SqliteKvConnection writer, List<SqliteKvConnection> readers) {
        this.where = where;
        this.writer = writer;
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /**
     * Opens the file the location names, creating it and the tables as an import would.
     *
     * @throws dev.landfall.core.error.LandfallException as {@link SqliteStore#open} does
     */
    static SqliteKvAccess open(SqliteLocation where) {
        // Creates or checks the file, its WAL mode and the tables exactly as import does.
        SqliteStore.open(where).close();
        List<SqliteKvConnection> opened = new ArrayList<>();
        try {
            SqliteKvConnection writer = SqliteKvConnection.writer(where);
            opened.add(writer);
            List<SqliteKvConnection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                SqliteKvConnection reader = SqliteKvConnection.reader(where);
                opened.add(reader);
                readers.add(reader);
            }
            return new SqliteKvAccess(where, writer, readers);
        } catch (SQLException e) {
            opened.forEach(SqliteKvConnection::close);
            throw SqliteErrors.map(where, "open the database", e);
        }
    }

    @Override
    public String describe() {
        return where.label();
    }

    @Override
    public List<KvNamespace> namespaces() throws IOException {
        return read("list the namespaces", c -> {
            try (ResultSet rs = c.statement(NAMESPACES).executeQuery()) {
                return KvTableRows.namespaces(rs);
            }
        });
    }

    @Override
    public Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        return read("get a key", c -> {
            PreparedStatement ps = c.statement(GET);
            ps.setString(1, namespace.namespaceId());
            ps.setBytes(2, key.bytes());
            ps.setLong(3, nowEpochSecond);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Entry(namespace, key, blob(rs, 1), rs.getString(2), KvTableRows.expiration(rs, 3)));
            }
        });
    }

    @Override
    public void put(Entry entry) throws IOException {
        KvNamespace namespace = KvAccess.namespaceOf(entry);
        write(
                "put a key",
                c -> c.inTransaction(() -> {
                    PreparedStatement add = c.statement(ADD_NAMESPACE);
                    add.setString(1, namespace.namespaceId());
                    add.setString(2, namespace.title());
                    add.executeUpdate();
                    PreparedStatement upsert = c.statement(UPSERT);
                    EntryTable.KV.bindScope(upsert, namespace);
                    EntryTable.KV.bindRow(upsert, 0, entry);
                    upsert.executeUpdate();
                }));
    }

    @Override
    public void delete(KvNamespace namespace, Key key) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        write("delete a key", c -> {
            PreparedStatement ps = c.statement(EntryTable.KV.delete);
            EntryTable.KV.bindDelete(ps, namespace, key);
            ps.executeUpdate();
        });
    }

    @Override
    public KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond)
            throws IOException {
        KvAccess.checkList(namespace, prefix, limit);
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = SqliteKeyRange.endOfPrefix(start);
        return read("list keys", c -> {
            PreparedStatement ps = c.statement(SqliteKeyRange.listSql(after != null, end != null));
            int i = 1;
            ps.setString(i++, namespace.namespaceId());
            ps.setBytes(i++, start);
            if (after != null) {
                ps.setBytes(i++, after.bytes());
            }
            if (end != null) {
                ps.setBytes(i++, end);
            }
            ps.setLong(i++, nowEpochSecond);
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                return KvTableRows.keyPage(rs, limit, (row, column) -> Key.ofBytes(blob(row, column)));
            }
        });
    }

    /** Closes every connection; a reader in use is closed when its call returns. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SqliteKvConnection idle;
        while ((idle = idleReaders.poll()) != null) {
            idle.close();
        }
        synchronized (writer) {
            writer.close();
        }
    }

    /** Work on one connection. */
    private interface Work<T> {
        T run(SqliteKvConnection connection) throws SQLException;
    }

    /** Work on the writer that returns nothing. */
    private interface WriteWork {
        void run(SqliteKvConnection connection) throws SQLException;
    }

    private <T> T read(String doing, Work<T> work) throws IOException {
        checkOpen();
        SqliteKvConnection reader;
        try {
            reader = idleReaders.poll(BORROW_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(where.label() + ": interrupted while waiting to " + doing, e);
        }
        if (reader == null) {
            throw new IOException(where.label() + ": cannot " + doing + ": all " + READERS
                    + " connections stayed busy for " + BORROW_TIMEOUT_MS + " ms");
        }
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw failure(doing, e);
        } finally {
            idleReaders.add(reader);
            if (closed && idleReaders.remove(reader)) {
                reader.close();
            }
        }
    }

    private void write(String doing, WriteWork work) throws IOException {
        synchronized (writer) {
            checkOpen();
            try {
                work.run(writer);
            } catch (SQLException e) {
                throw failure(doing, e);
            }
        }
    }

    private IOException failure(String doing, SQLException e) {
        return new IOException(SqliteErrors.map(where, doing, e).getMessage(), e);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(where.label() + " is closed");
        }
    }

    /** A BLOB column: SQLite returns no buffer for an empty BLOB, which is still a value. */
    private static byte[] blob(ResultSet rs, int column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        return bytes == null ? new byte[0] : bytes;
    }
}
