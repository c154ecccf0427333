package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeRestricting;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.store.ParallelWriters;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis store ({@code redis://…} or {@code rediss://…}): entries as plain string keys with
 * native expiry, one sorted set per scope as a byte-ordered key index, all under a key prefix.
 * The layout is in {@link RedisLayout} and {@code docs/stores/redis.md}, so a service can read
 * entries with plain {@code GET}.
 *
 * <p>Writers buffer in memory and apply each {@link ScopeWriter#flush()} as up to {@code ?writers=}
 * parts over disjoint keys, sent at once on their own connections ({@link ParallelWriters}), each
 * one {@code MULTI}/{@code EXEC} transaction (or, for {@link WriteMode#CREATE_ONLY}, one Lua
 * script), so each part is applied whole or not at all. Cursors page the index by key and hold nothing open
 * between pages, so a writer can be used between {@code next()} calls on the same store.
 *
 * <p>A scope whose ids the layout cannot hold (a {@code :} in an id other than a SQL companion's
 * suffix) is refused by {@link #checkWritable} before a copy writes anything.
 *
 * <p>Used from one thread; {@link #close()} is idempotent and may be called from another thread.
 */
public final class RedisStore implements Store, ScopeRestricting {
    private final RedisConnection connection;
    private final ParallelWriters<RedisConnection> writers;
    private final RedisLayout layout;
    private final Clock clock;
    private final boolean readOnly;

    private RedisStore(RedisConnection connection, Clock clock, boolean readOnly) {
        this.connection = connection;
        RedisStoreUri uri = connection.uri();
        this.writers = new ParallelWriters<>(uri.label(), connection, uri.writers(), () -> RedisConnection.open(uri));
        this.layout = new RedisLayout(connection.uri().prefix());
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /**
     * Connects to the store the URI names.
     *
     * @param clock decides which entries have already expired (they are not written)
     * @throws dev.landfall.core.error.LandfallException TRANSIENT when the server cannot be reached,
     *     REJECTED for bad credentials, USAGE for a database that does not exist
     */
    public static RedisStore open(RedisStoreUri uri, Clock clock) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clock, "clock");
        return new RedisStore(RedisConnection.open(uri), clock, false);
    }

    /**
     * Connects for reading only ({@code plan}, {@code verify}): opening a writer throws, and
     * cursors skip expired index members without removing them, so nothing is written. Opening
     * never creates anything in either mode: the keys appear with the first write.
     *
     * @throws dev.landfall.core.error.LandfallException as {@link #open(RedisStoreUri, Clock)}
     */
    public static RedisStore openForReading(RedisStoreUri uri, Clock clock) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clock, "clock");
        return new RedisStore(RedisConnection.open(uri), clock, true);
    }

    @Override
    public String describe() {
        return connection.uri().label();
    }

    @Override
    public Cursor<Scope> scopes() {
        checkOpen();
        return new RedisScopeCursor(connection, layout);
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(after, "after");
        checkOpen();
        Optional<RedisScopeKeys> keys = layout.keysOf(scope);
        return new RedisEntryCursor(connection, scope, keys.orElse(null), after, !readOnly);
    }

    /** Refuses the first scope whose ids {@link RedisLayout} cannot hold; reads and writes nothing. */
    @Override
    public void checkWritable(List<Scope> scopes) {
        for (Scope scope : scopes) {
            if (layout.keysOf(scope).isEmpty()) {
                throw RedisLayout.unstorable(scope, describe());
            }
        }
    }

    /**
     * Opens a writer. A KV namespace is recorded (with its title) at once, so it is listed even
     * while it holds no entries; a Durable Object is listed once it holds entries.
     */
    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        checkOpen();
        if (readOnly) {
            throw new IllegalStateException(describe() + " was opened for reading only");
        }
        RedisScopeKeys keys = layout.keysForWriting(scope, describe());
        boolean firstWriter = false;
        if (scope instanceof KvNamespace kv) {
            try {
                // Every write of a namespace (writers here, serve's puts) records it first, so a
                // namespace recorded only now holds no metadata key yet (see RedisScopeWriter).
                firstWriter =
                        connection.jedis().hset(layout.namespaces(), bytes(kv.namespaceId()), bytes(kv.title())) == 1;
            } catch (JedisException e) {
                throw connection.errors().translate(e, "recording " + scope.describe());
            }
        }
        return new RedisScopeWriter(writers, connection, scope, keys, mode, clock, firstWriter);
    }

    /** Closes the connections; what writers did not flush is lost. Idempotent. */
    @Override
    public void close() {
        writers.close();
    }

    private void checkOpen() {
        if (connection.isClosed()) {
            throw new IllegalStateException(describe() + " is closed");
        }
    }

    private static byte[] bytes(String s) {
        return RedisLayout.bytes(s);
    }
}
