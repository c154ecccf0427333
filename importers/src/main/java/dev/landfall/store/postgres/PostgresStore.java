package dev.landfall.store.postgres;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.EmptySource;
import dev.landfall.core.spi.HoldingWrites;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.store.ParallelWriters;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL store ({@code postgres://USER@HOST:PORT/DB?schema=NAME}): Landfall's three tables
 * in one schema (docs/stores/postgres.md), written by binary COPY into a staging table and one
 * merge per flush, read by keyset pagination.
 *
 * <p>Opening connects, then creates the schema and missing tables or checks the existing ones; a
 * wrong password, a missing database, a missing privilege, an unreachable server or a table of
 * another shape fail here, before anything is read or written. One connection serves the store's
 * cursors and writers, which are used from one thread; a large flush is split by key range over
 * up to {@code ?writers=} connections ({@link ParallelWriters}). {@link #close()} is idempotent
 * and may be called from another thread.
 */
public final class PostgresStore implements Store, HoldingWrites {
    private static final Set<String> ALL_TABLES =
            Set.of(PostgresSchema.NAMESPACES, PostgresSchema.KV, PostgresSchema.DO);

    private final PostgresUri uri;
    private final PostgresSession session;
    private final HeldTransactions held;
    private final ParallelWriters<PostgresSession> writers;
    private final ScopeTable kv;
    private final ScopeTable objects;
    private final String recordNamespace;
    private final Set<String> tables;

    private PostgresStore(
            PostgresUri uri,
            PostgresSession session,
            HeldTransactions held,
            PgPassword.Found password,
            Set<String> tables) {
        this.uri = uri;
        this.session = session;
        this.held = held;
        this.writers =
                new ParallelWriters<>(uri.label(), session, uri.writers(), () -> newSession(uri, password, held));
        this.tables = tables;
        this.kv = ScopeTable.kv(uri.quotedSchema());
        this.objects = ScopeTable.durableObjects(uri.quotedSchema());
        this.recordNamespace = "INSERT INTO " + uri.quotedSchema() + "." + PostgresSchema.NAMESPACES
                + " AS n (namespace_id, title) VALUES (?, ?) ON CONFLICT (namespace_id)"
                + " DO UPDATE SET title = EXCLUDED.title WHERE n.title IS DISTINCT FROM EXCLUDED.title";
    }

    /**
     * Opens the store the URI names, with the password of the URI or else from {@code passwords}.
     *
     * @throws dev.landfall.core.error.LandfallException REJECTED (credentials, database, privilege,
     *     read-only), TRANSIENT (unreachable), USAGE (a table of another shape)
     */
    public static PostgresStore open(PostgresUri uri, PgPassword passwords) {
        Objects.requireNonNull(uri, "uri");
        PgPassword.Found password = passwords.forUri(uri);
        HeldTransactions held = new HeldTransactions();
        PostgresSession session = newSession(uri, password, held);
        try {
            session.connect();
            PostgresSchema.prepare(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new PostgresStore(uri, session, held, password, ALL_TABLES);
    }

    private static PostgresSession newSession(PostgresUri uri, PgPassword.Found password, HeldTransactions held) {
        return new PostgresSession(uri, password, new PostgresErrors(uri, password), held);
    }

    /**
     * Opens the store for reading only ({@code plan}, {@code verify}): connects and checks the
     * tables that exist, but creates no schema and no table. Without any of Landfall's tables it is
     * an empty source; a missing table reads as empty.
     *
     * @throws dev.landfall.core.error.LandfallException as {@link #open}
     */
    public static Source openForReading(PostgresUri uri, PgPassword passwords) {
        Objects.requireNonNull(uri, "uri");
        PgPassword.Found password = passwords.forUri(uri);
        HeldTransactions held = new HeldTransactions();
        PostgresSession session = newSession(uri, password, held);
        Set<String> tables;
        try {
            session.connect();
            tables = PostgresSchema.inspect(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        if (tables.isEmpty()) {
            session.close();
            return new EmptySource(uri.label());
        }
        return new PostgresStore(uri, session, held, password, tables);
    }

    @Override
    public String describe() {
        return uri.label();
    }

    @Override
    public Cursor<Scope> scopes() {
        return new PostgresScopeCursor(
                session, tables.contains(PostgresSchema.NAMESPACES), tables.contains(PostgresSchema.DO));
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(after, "after");
        String name = scope instanceof KvNamespace ? PostgresSchema.KV : PostgresSchema.DO;
        if (!tables.contains(name)) {
            return new EmptySource(uri.label()).entries(scope, after); // opened for reading, table missing
        }
        return new PostgresCursor(session, table(scope), scope, after);
    }

    /** Opens a writer; a KV namespace is recorded with its title at once, even if nothing follows. */
    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        if (scope instanceof KvNamespace ns) {
            PgText.name(uri.label(), "namespace id", ns.namespaceId());
            PgText.name(uri.label(), "namespace title", ns.title());
            session.autocommit("recording " + scope.describe(), c -> {
                PreparedStatement ps = session.statement(recordNamespace);
                ps.setString(1, ns.namespaceId());
                ps.setString(2, ns.title());
                return ps.executeUpdate();
            });
        } else if (scope instanceof DurableObject d) {
            PgText.name(uri.label(), "durable object namespace id", d.namespaceId());
            PgText.name(uri.label(), "durable object id", d.objectId());
        }
        return new PostgresScopeWriter(writers, uri.label(), table(scope), scope, mode);
    }

    private ScopeTable table(Scope scope) {
        return scope instanceof KvNamespace ? kv : objects;
    }

    /**
     * Holds every write from now on: each writer connection keeps the transaction it begins open
     * across flushes, and this store's own connection begins one now, so the scope records of
     * {@link #open} are held too. Staging tables are emptied after each merge, as a commit would.
     */
    @Override
    public void holdWrites() {
        held.start();
        session.beginHeld();
    }

    /**
     * Commits the held transaction of every connection, one after another: each is whole, but a
     * crash between two commits leaves some key ranges in and others out, which a rerun, comparing
     * keys, completes.
     */
    @Override
    public void commitHeld() {
        held.commitAll();
    }

    /** Closes the connections; what writers did not flush is lost, as are held writes not committed. Idempotent. */
    @Override
    public void close() {
        writers.close();
    }
}
