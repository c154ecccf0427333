package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.BufferingScopeWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one scope of a {@link RedisStore}. {@link #put(Entry)} and {@link #delete(Key)} only
 * buffer (the last operation on a key wins); {@link #flush()} applies the buffer as one atomic
 * batch: {@link RedisUpsertBatch} for UPSERT and MIRROR, {@link RedisCreateOnlyBatch} for
 * CREATE_ONLY. A failed flush keeps the buffer, so it can be retried.
 */
final class RedisScopeWriter extends BufferingScopeWriter {
    private final RedisConnection connection;
    private final RedisScopeKeys keys;
    private final Clock clock;
    // Key → entry to write, or null to delete.
    private final Map<Key, Entry> pending = new HashMap<>();

    RedisScopeWriter(RedisConnection connection, Scope scope, RedisScopeKeys keys, WriteMode mode, Clock clock) {
        super(scope, mode);
        this.connection = connection;
        this.keys = keys;
        this.clock = clock;
    }

    /** Refuses a Durable Object entry with metadata or an expiration. */
    @Override
    protected void buffer(Entry entry) {
        if (!(scope instanceof KvNamespace) && (entry.metadataJson() != null || entry.expiration() != null)) {
            throw new IllegalArgumentException(
                    "Durable Object entries have no metadata or expiration: " + entry.key() + " in " + scope.id());
        }
        pending.put(entry.key(), entry);
    }

    @Override
    protected void bufferDelete(Key key) {
        pending.put(key, null);
    }

    @Override
    protected boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    protected void apply() {
        long now = clock.instant().getEpochSecond();
        String action = "writing a batch of " + pending.size() + " keys to " + scope.describe();
        if (mode == WriteMode.CREATE_ONLY) {
            RedisCreateOnlyBatch.apply(connection, keys, pending, now, action);
        } else {
            RedisUpsertBatch.apply(connection, keys, pending, now, action);
        }
    }

    @Override
    protected void discard() {
        pending.clear();
    }

    @Override
    protected void checkOpen() {
        super.checkOpen();
        if (connection.isClosed()) {
            throw new IllegalStateException(connection.uri().label() + " is closed");
        }
    }
}
