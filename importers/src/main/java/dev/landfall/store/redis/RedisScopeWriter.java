package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one scope of a {@link RedisStore}. {@link #put(Entry)} and {@link #delete(Key)} only
 * buffer (the last operation on a key wins); {@link #flush()} applies the buffer as one atomic
 * batch: {@link RedisUpsertBatch} for UPSERT and MIRROR, {@link RedisCreateOnlyBatch} for
 * CREATE_ONLY. A failed flush keeps the buffer, so it can be retried.
 */
final class RedisScopeWriter implements ScopeWriter {
    private final RedisConnection connection;
    private final Scope scope;
    private final String scopeId;
    private final RedisScopeKeys keys;
    private final WriteMode mode;
    private final Clock clock;
    // Key → entry to write, or null to delete.
    private final Map<Key, Entry> pending = new HashMap<>();
    private boolean closed;

    RedisScopeWriter(RedisConnection connection, Scope scope, RedisScopeKeys keys, WriteMode mode, Clock clock) {
        this.connection = connection;
        this.scope = scope;
        this.scopeId = scope.id();
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * Buffers an entry.
     *
     * @throws IllegalArgumentException if the entry belongs to another scope, or is a Durable Object
     *     entry with metadata or an expiration
     */
    @Override
    public void put(Entry entry) {
        checkOpen();
        if (entry.scope() != scope && !entry.scope().id().equals(scopeId)) {
            throw new IllegalArgumentException("entry of " + entry.scope().id() + " given to the writer of " + scopeId);
        }
        if (!(scope instanceof KvNamespace) && (entry.metadataJson() != null || entry.expiration() != null)) {
            throw new IllegalArgumentException(
                    "Durable Object entries have no metadata or expiration: " + entry.key() + " in " + scopeId);
        }
        pending.put(entry.key(), entry);
    }

    @Override
    public void delete(Key key) {
        checkOpen();
        if (mode != WriteMode.MIRROR) {
            throw new IllegalStateException("delete needs mode MIRROR; this writer of " + scopeId + " is " + mode);
        }
        pending.put(key, null);
    }

    @Override
    public void flush() {
        checkOpen();
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        String action = "writing a batch of " + pending.size() + " keys to " + scope.describe();
        if (mode == WriteMode.CREATE_ONLY) {
            RedisCreateOnlyBatch.apply(connection, keys, pending, now, action);
        } else {
            RedisUpsertBatch.apply(connection, keys, pending, now, action);
        }
        pending.clear();
    }

    /** Discards what was not flushed. Idempotent. */
    @Override
    public void close() {
        closed = true;
        pending.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer of " + scopeId + " is closed");
        }
        if (connection.isClosed()) {
            throw new IllegalStateException(connection.uri().label() + " is closed");
        }
    }
}
