package dev.landfall.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.store.KvTableRows;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link KvAccess} over the tables {@code landfall import} writes into a PostgreSQL schema (see
 * {@code docs/stores/postgres.md}), for {@code landfall serve}.
 *
 * <p>Calls borrow a connection from a small HikariCP pool ({@link PostgresKvPool}), lent without a
 * round trip to check it, and run one statement in autocommit: a get is one primary-key lookup, a
 * put one upsert that also records its namespace, a list one range scan of the primary key. The
 * driver prepares each statement on the server once per connection. The tables are created or
 * checked as an import does when the store is opened; when the server cannot be reached then, that
 * happens on the first call that reaches it, so {@code serve} can start during an outage.
 */
public final class PostgresKvAccess implements KvAccess {
    private final PostgresUri uri;
    private final PgPassword passwords;
    private final PgPassword.Found password;
    private final PostgresErrors errors;
    private final HikariDataSource pool;
    private final String get;
    private final String put;
    private final String delete;
    private final String namespaces;
    private final String listAll;
    private final String listPrefix;
    private volatile boolean tablesReady;

    private PostgresKvAccess(PostgresUri uri, PgPassword passwords, PgPassword.Found password) {
        this.uri = uri;
        this.passwords = passwords;
        this.password = password;
        this.errors = new PostgresErrors(uri, password);
        this.pool = PostgresKvPool.newPool(uri, password);
        String kv = uri.quotedSchema() + "." + PostgresSchema.KV;
        String ns = uri.quotedSchema() + "." + PostgresSchema.NAMESPACES;
        this.get = "SELECT value, metadata, expiration FROM " + kv
                + " WHERE namespace_id = ? AND key = ? AND (expiration IS NULL OR expiration > ?)";
        // One statement, so a put is one round trip and its namespace is recorded atomically with it.
        // A put never renames a namespace: serve may know a namespace by its id only.
        this.put = "WITH ns AS (INSERT INTO " + ns + " (namespace_id, title) VALUES (?, ?)"
                + " ON CONFLICT (namespace_id) DO NOTHING)"
                + " INSERT INTO " + kv + " (namespace_id, key, value, metadata, expiration) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (namespace_id, key) DO UPDATE SET value = EXCLUDED.value,"
                + " metadata = EXCLUDED.metadata, expiration = EXCLUDED.expiration";
        this.delete = "DELETE FROM " + kv + " WHERE namespace_id = ? AND key = ?";
        this.namespaces = "SELECT namespace_id, title FROM " + ns + " ORDER BY namespace_id";
        // A prefix is the half-open range [prefix, end): both bounds go into the index scan, so it stops
        // at the end of the prefix however many keys follow. "key > ''" stands for "from the start".
        String page =
                "SELECT key, metadata, expiration FROM " + kv + " WHERE namespace_id = ? AND key >= ? AND key > ?";
        String live = " AND (expiration IS NULL OR expiration > ?) ORDER BY key LIMIT ?";
        this.listAll = page + live;
        this.listPrefix = page + " AND key < ?" + live;
    }

    /**
     * Opens a pool on the store the URI names and creates or checks its tables as import does.
     *
     * @throws LandfallException REJECTED (password, database, privilege) or USAGE (a table of another
     *     shape); an unreachable server is no error here, but of the calls made while it lasts
     */
    public static PostgresKvAccess open(PostgresUri uri, PgPassword passwords) {
        Objects.requireNonNull(uri, "uri");
        PostgresKvAccess access = new PostgresKvAccess(uri, passwords, passwords.forUri(uri));
        return KvAccess.checkedOnOpen(access, access::prepareTables);
    }

    @Override
    public String describe() {
        return uri.label();
    }

    @Override
    public List<KvNamespace> namespaces() throws IOException {
        return read("listing the namespaces", c -> {
            try (PreparedStatement ps = c.prepareStatement(namespaces);
                    ResultSet rs = ps.executeQuery()) {
                return KvTableRows.namespaces(rs);
            }
        });
    }

    @Override
    public Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        if (!PostgresKeyRange.storable(key)) {
            return Optional.empty(); // text cannot hold it, so no import wrote it
        }
        return read("reading a key", c -> {
            try (PreparedStatement ps = c.prepareStatement(get)) {
                ps.setString(1, namespace.namespaceId());
                ps.setString(2, key.text());
                ps.setLong(3, nowEpochSecond);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            new Entry(namespace, key, rs.getBytes(1), rs.getString(2), KvTableRows.expiration(rs, 3)));
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws LandfallException REJECTED when the key, metadata or namespace holds what PostgreSQL
     *     text cannot (NUL, malformed UTF-8), as import refuses it
     */
    @Override
    public void put(Entry entry) throws IOException {
        KvNamespace namespace = KvAccess.namespaceOf(entry);
        PgText.name(uri.label(), "namespace id", namespace.namespaceId());
        PgText.name(uri.label(), "namespace title", namespace.title());
        PgText.key(uri.label(), namespace, entry.key());
        PgText.metadata(uri.label(), namespace, entry.key(), entry.metadataJson());
        call("writing a key", c -> {
            try (PreparedStatement ps = c.prepareStatement(put)) {
                ps.setString(1, namespace.namespaceId());
                ps.setString(2, namespace.title());
                ps.setString(3, namespace.namespaceId());
                ps.setString(4, entry.key().text());
                ps.setBytes(5, entry.value());
                ps.setString(6, entry.metadataJson());
                ps.setObject(7, entry.expiration(), java.sql.Types.BIGINT);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(KvNamespace namespace, Key key) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        if (!PostgresKeyRange.storable(key)) {
            return;
        }
        call("deleting a key", c -> {
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                ps.setString(1, namespace.namespaceId());
                ps.setString(2, key.text());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond)
            throws IOException {
        KvAccess.checkList(namespace, prefix, limit);
        String end = PostgresKeyRange.endOfPrefix(prefix).orElse(null);
        return read("listing keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(end == null ? listAll : listPrefix)) {
                int i = 1;
                ps.setString(i++, namespace.namespaceId());
                ps.setString(i++, prefix);
                ps.setString(i++, after == null ? "" : after.text());
                if (end != null) {
                    ps.setString(i++, end);
                }
                ps.setLong(i++, nowEpochSecond);
                ps.setInt(i, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return KvTableRows.keyPage(rs, limit, (row, column) -> Key.of(row.getString(column)));
                }
            }
        });
    }

    /** Closes the pool. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    /** Work on a borrowed connection. */
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * A call that only reads: when the server had dropped the connection it was lent, every idle
     * connection is from before that too, so they are all let go and the call runs once more on a
     * new one. Writes are not retried: one may have landed before the connection broke.
     */
    private <T> T read(String what, Work<T> work) throws IOException {
        return call(what, c -> {
            try {
                return work.run(c);
            } catch (SQLException e) {
                if (!PostgresKvPool.droppedByServer(e)) {
                    throw e;
                }
                pool.getHikariPoolMXBean().softEvictConnections();
                try (Connection fresh = pool.getConnection()) {
                    return work.run(fresh);
                }
            }
        });
    }

    private <T> T call(String what, Work<T> work) throws IOException {
        if (pool.isClosed()) {
            throw new IOException(uri.label() + " is closed");
        }
        try {
            if (!tablesReady) {
                prepareTables();
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            // The mapped error carries a scrubbed copy of the driver's: its message may hold the password.
            LandfallException mapped = PostgresKvPool.failure(uri, errors, what, e);
            throw new IOException(mapped.getMessage(), mapped);
        } catch (LandfallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Creates or checks the tables through the import's own code, once. A probe first shows, within
     * the pool's short timeouts, that the server answers: the import's connection waits longer for
     * a server that does not.
     */
    private synchronized void prepareTables() {
        if (tablesReady) {
            return;
        }
        PostgresKvPool.probe(uri, password, errors);
        PostgresStore.open(uri, passwords).close();
        tablesReady = true;
    }
}
