package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.BufferingScopeWriter;
import dev.landfall.store.ParallelWriters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writes one scope of a {@link RedisStore}. {@link #put(Entry)} and {@link #delete(Key)} only
 * buffer (the last operation on a key wins); {@link #flush()} sorts the buffer by key, cuts it into
 * up to {@code ?writers=} contiguous ranges of at least {@link #MIN_PART} keys and applies them at
 * once on their own connections, each as one atomic batch: {@link RedisUpsertBatch} for UPSERT and
 * MIRROR, {@link RedisCreateOnlyBatch} for CREATE_ONLY. The server runs one batch at a time, but
 * while it runs one the others are sent, so the client's encoding and the network overlap its
 * work. A failed flush keeps the buffer, so it can be retried: ranges already applied are applied
 * again, to the same end (the caller journals a batch only once its flush returned).
 *
 * <p>A put without metadata deletes the key's old metadata key, which costs the server a lookup per
 * key (a fifth of a bulk load's server time, measured) and is needless where no metadata key can
 * exist: the first writer of a KV namespace (the namespace was not yet recorded, and every write
 * records it first) knows that of every key above the highest it has written, which is every key
 * of an import or migration, whose keys come in order.
 */
final class RedisScopeWriter extends BufferingScopeWriter {
    /** Keys below which a range is not worth its own round trip. */
    static final int MIN_PART = 128;

    private final ParallelWriters<RedisConnection> writers;
    private final RedisConnection connection;
    private final RedisScopeKeys keys;
    private final Clock clock;
    /** Whether no metadata key of this scope existed when this writer opened it. */
    private final boolean firstWriter;
    /**
     * The highest key a flush of this writer sent, applied or not (a failed flush may have applied
     * some ranges); null before the first.
     */
    private Key highest;
    // Key → entry to write, or null to delete. Insertion order: sources deliver keys sorted, and
    // sorting sorted input is one linear pass.
    private final Map<Key, Entry> pending = new LinkedHashMap<>();

    RedisScopeWriter(
            ParallelWriters<RedisConnection> writers,
            RedisConnection connection,
            Scope scope,
            RedisScopeKeys keys,
            WriteMode mode,
            Clock clock,
            boolean firstWriter) {
        super(scope, mode);
        this.writers = writers;
        this.connection = connection;
        this.keys = keys;
        this.clock = clock;
        this.firstWriter = firstWriter;
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
        List<Map.Entry<Key, Entry>> sorted = new ArrayList<>(pending.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        Key above = highest;
        Key last = sorted.get(sorted.size() - 1).getKey();
        highest = highest == null || last.compareTo(highest) > 0 ? last : highest; // before: it may fail
        Predicate<Key> noMetadataKey = firstWriter ? k -> above == null || k.compareTo(above) > 0 : k -> false;
        List<Consumer<RedisConnection>> parts = new ArrayList<>();
        for (List<Map.Entry<Key, Entry>> range : writers.ranges(sorted, MIN_PART)) {
            Map<Key, Entry> ops = new LinkedHashMap<>(range.size() * 4 / 3 + 1);
            range.forEach(op -> ops.put(op.getKey(), op.getValue())); // a null entry is a delete
            String action = "writing a batch of " + ops.size() + " keys to " + scope.describe();
            parts.add(c -> {
                if (mode == WriteMode.CREATE_ONLY) {
                    RedisCreateOnlyBatch.apply(c, keys, ops, now, action);
                } else {
                    RedisUpsertBatch.apply(c, keys, ops, now, noMetadataKey, action);
                }
            });
        }
        writers.runAll(parts);
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
