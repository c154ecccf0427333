package dev.landfall.core.live;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A change log and its source in memory, for tests: {@link #put} and {@link #delete} change the
 * source's state and record the change as a captured Worker would (coalesced per key, one shard per
 * key by a stable hash). The log's clock is {@link #now} and moves by {@link #tick} on every read.
 */
public final class MemoryChangeLog implements ChangeLog {
    public final Scope scope;
    public final String binding;
    public final int shards;
    public long now = 1_000_000;
    public long tick = 0;
    public long capacity = 1_000_000;
    public int writerShards;
    public int trimFailures;
    /** Whether the run copies this log's binding; when not, changes come without a scope. */
    public boolean inRun = true;

    public final Map<Key, Entry> source = new TreeMap<>();
    private final Shard[] log;

    private static final class Shard {
        String epoch = UUID.randomUUID().toString();
        long since;
        long head;
        final TreeMap<Long, Change> pending = new TreeMap<>();
        final Map<Key, Long> seqOf = new HashMap<>();
        Overflow overflow;
    }

    public MemoryChangeLog(Scope scope, String binding, int shards) {
        this.scope = scope;
        this.binding = binding;
        this.shards = shards;
        this.writerShards = shards;
        this.log = new Shard[shards];
        for (int i = 0; i < shards; i++) {
            log[i] = new Shard();
            log[i].since = now;
        }
    }

    public int shardOf(Key key) {
        return Math.floorMod(new String(key.bytes(), StandardCharsets.UTF_8).hashCode(), shards);
    }

    public void put(String key, String value, Long expiration) {
        Key k = Key.of(key);
        record(k, Change.Op.PUT, expiration);
        source.put(k, new Entry(scope, k, value.getBytes(StandardCharsets.UTF_8), null, expiration));
    }

    public void delete(String key) {
        Key k = Key.of(key);
        record(k, Change.Op.DELETE, null);
        source.remove(k);
    }

    /**
     * A write of the object this log's scope stands for (a Durable Object): the source changes and
     * the object, keyed by its id, is recorded, as withLandfallExport does.
     */
    public void objectPut(String key, String value) {
        Key k = Key.of(key);
        source.put(k, new Entry(scope, k, value.getBytes(StandardCharsets.UTF_8), null, null));
        record(Key.of(scope.id()), Change.Op.OBJECT, null);
    }

    /** As {@link #objectPut}, removing a key. */
    public void objectDelete(String key) {
        source.remove(Key.of(key));
        record(Key.of(scope.id()), Change.Op.OBJECT, null);
    }

    /** A write the capture did not see (a script that is not wrapped). */
    public void putUncaptured(String key, String value) {
        Key k = Key.of(key);
        source.put(k, new Entry(scope, k, value.getBytes(StandardCharsets.UTF_8), null, null));
    }

    private void record(Key k, Change.Op op, Long expiration) {
        Shard s = log[shardOf(k)];
        Long old = s.seqOf.remove(k);
        if (old != null) {
            s.pending.remove(old);
        } else if (s.pending.size() >= capacity) {
            s.overflow = s.overflow == null
                    ? new Overflow(1, now, now)
                    : new Overflow(s.overflow.dropped() + 1, s.overflow.firstMillis(), now);
            return;
        }
        long seq = ++s.head;
        s.pending.put(seq, new Change(shardOf(k), seq, binding, null, k, op, now, expiration));
        s.seqOf.put(k, seq);
    }

    public long pending() {
        long n = 0;
        for (Shard s : log) {
            n += s.pending.size();
        }
        return n;
    }

    public void recreate(int shard) {
        log[shard] = new Shard();
        log[shard].since = now;
    }

    @Override
    public String describe() {
        return "memory change log";
    }

    @Override
    public CaptureInfo info() {
        return new CaptureInfo(shards, capacity, Optional.of("account"));
    }

    private ShardState state(int shard) {
        Shard s = log[shard];
        return new ShardState(
                shard, s.epoch, s.since, now, s.head, s.pending.size(), capacity, s.overflow, List.of(writerShards));
    }

    @Override
    public ChangePage read(int shard, long after, int limit) {
        now += tick;
        List<Change> out = new ArrayList<>();
        boolean more = false;
        for (Change c : log[shard].pending.tailMap(after, false).values()) {
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(new Change(
                    c.shard(),
                    c.seq(),
                    c.binding(),
                    inRun ? scope : null,
                    c.key(),
                    c.op(),
                    c.timeMillis(),
                    c.expiration()));
        }
        return new ChangePage(
                state(shard),
                out,
                more ? OptionalLong.of(out.get(out.size() - 1).seq()) : OptionalLong.empty());
    }

    @Override
    public long trim(int shard, String epoch, long through) throws IOException {
        if (trimFailures > 0) {
            trimFailures--;
            throw new IOException("trim failed (test)");
        }
        Shard s = log[shard];
        if (!s.epoch.equals(epoch)) {
            throw new IllegalStateException("epoch mismatch");
        }
        var head = s.pending.headMap(through, true);
        long n = head.size();
        head.values().forEach(c -> s.seqOf.remove(c.key()));
        head.clear();
        return n;
    }

    /** Scripts the test says write without capture. */
    public List<String> uncaptured = List.of();

    @Override
    public List<String> uncapturedWriters() {
        return uncaptured;
    }

    @Override
    public ShardState reset(int shard) {
        log[shard].epoch = UUID.randomUUID().toString();
        log[shard].since = now;
        log[shard].overflow = null;
        return state(shard);
    }

    @Override
    public List<Optional<Entry>> current(Scope s, List<Change> changes) {
        List<Optional<Entry>> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(Optional.ofNullable(source.get(c.key())));
        }
        return out;
    }

    @Override
    public List<Scope> objectScopes(Change change) {
        return List.of(scope);
    }

    @Override
    public Cursor<Entry> entries(Scope s) {
        java.util.Iterator<Entry> it = List.copyOf(source.values()).iterator();
        return new AbstractCursor<>(Checkpoint.START) {
            @Override
            public boolean next() {
                if (!it.hasNext()) {
                    return end();
                }
                Entry e = it.next();
                return deliver(e, Checkpoint.after(e.key()));
            }
        };
    }

    @Override
    public void close() {}
}
