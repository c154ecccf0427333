package dev.landfall.store.redis;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Reads a scope of a {@link RedisStore} in key byte order, by keyset pagination over the scope's
 * index: {@code ZRANGE idx (lastKey + BYLEX LIMIT 0 n}, then the page's values, metadata and
 * {@code PEXPIRETIME}s in one pipeline. Nothing is held open between pages, so the caller may write
 * through the same store between {@link #next()} calls.
 *
 * <p>Pages hold at most {@link #MAX_ROWS} keys and, adaptively, about {@link #TARGET_BYTES} of
 * values: each page's size comes from the average value size seen so far. Index members whose value
 * key has gone (it expired) are skipped and removed from the index, if the user may write.
 */
final class RedisEntryCursor extends AbstractCursor<Entry> {
    static final int MAX_ROWS = 1000;
    static final long TARGET_BYTES = 8L << 20;
    // Small until value sizes are known: Cloudflare values reach 25 MiB.
    static final int FIRST_ROWS = 8;

    private static final byte[] MIN = {'-'};
    private static final byte[] MAX = {'+'};

    private final RedisConnection connection;
    private final Scope scope;
    private final RedisScopeKeys keys;
    private final ArrayDeque<Entry> page = new ArrayDeque<>();
    private byte[] fetchedUpTo;
    private int limit = FIRST_ROWS;
    private long seenRows;
    private long seenBytes;
    private boolean exhausted;
    private boolean repairAllowed;
    private volatile Connection inFlight;

    /**
     * A cursor after {@code after}; {@code keys} null means the scope cannot exist here: empty.
     * With {@code repair}, members of expired keys are removed from the index as they are met.
     */
    RedisEntryCursor(RedisConnection connection, Scope scope, RedisScopeKeys keys, Checkpoint after, boolean repair) {
        super(after.lastKey() == null ? Checkpoint.START : Checkpoint.after(after.lastKey()));
        this.connection = connection;
        this.scope = scope;
        this.keys = keys;
        this.fetchedUpTo = after.lastKey() == null ? null : after.lastKey().bytes();
        this.exhausted = keys == null;
        this.repairAllowed = repair;
    }

    @Override
    public boolean next() {
        try {
            while (page.isEmpty() && !exhausted && !isClosed()) {
                fetchPage();
            }
        } catch (LandfallException e) {
            if (isClosed() || connection.isClosed()) {
                return end(); // closed from another thread while a page was on its way
            }
            throw e;
        }
        Entry e = isClosed() ? null : page.poll();
        return e == null ? end() : deliver(e, Checkpoint.after(e.key()));
    }

    /**
     * From another thread, makes a {@link #next()} that waits for a page return false promptly, by
     * dropping the store's connection (the store reconnects on its next use).
     */
    @Override
    protected void onClose() {
        Connection waiting = inFlight;
        if (waiting != null) {
            connection.abandon(waiting);
        }
    }

    private void fetchPage() {
        inFlight = connection.raw();
        try {
            fetchPageOn();
        } finally {
            inFlight = null;
        }
        if (isClosed()) {
            page.clear();
        }
    }

    private void fetchPageOn() {
        String action = "reading " + scope.describe();
        List<byte[]> members;
        try {
            byte[] min = fetchedUpTo == null ? MIN : exclusive(fetchedUpTo);
            members = connection
                    .jedis()
                    .zrange(
                            keys.index(),
                            ZRangeParams.zrangeByLexParams(min, MAX).limit(0, limit));
        } catch (JedisException e) {
            throw connection.errors().translate(e, action);
        }
        if (members.size() < limit) {
            exhausted = true;
        }
        if (members.isEmpty()) {
            return;
        }
        fetchedUpTo = members.get(members.size() - 1);
        List<byte[]> gone = read(members, action);
        if (!gone.isEmpty()) {
            repair(gone);
        }
        if (seenRows > 0) {
            long average = Math.max(1, seenBytes / seenRows);
            limit = (int) Math.max(1, Math.min(MAX_ROWS, TARGET_BYTES / average));
        }
    }

    /** Fetches the members' entries into the page; returns the members whose value key is gone. */
    private List<byte[]> read(List<byte[]> members, String action) {
        boolean kv = keys.kv();
        List<Response<byte[]>> values = new ArrayList<>(members.size());
        List<Response<byte[]>> metadata = kv ? new ArrayList<>(members.size()) : null;
        List<Response<Long>> expiries = kv ? new ArrayList<>(members.size()) : null;
        Connection raw = connection.raw();
        try (Pipeline p = new Pipeline(raw)) {
            for (byte[] member : members) {
                byte[] valueKey = keys.value(member);
                values.add(p.get(valueKey));
                if (kv) {
                    metadata.add(p.get(keys.metadata(member)));
                    expiries.add(p.pexpireTime(valueKey));
                }
            }
            p.sync();
            return collect(members, values, metadata, expiries);
        } catch (JedisDataException e) {
            throw connection.errors().translate(e, action);
        } catch (JedisException e) {
            connection.abandon(raw);
            throw connection.errors().translate(e, action);
        }
    }

    private List<byte[]> collect(
            List<byte[]> members,
            List<Response<byte[]>> values,
            List<Response<byte[]>> metadata,
            List<Response<Long>> expiries) {
        boolean kv = keys.kv();
        List<byte[]> gone = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            byte[] value = values.get(i).get();
            long expiry = kv ? expiries.get(i).get() : -1;
            // Gone, or expired between the GET and the PEXPIRETIME: either way it is no longer there.
            if (value == null || expiry == -2) {
                gone.add(members.get(i));
                continue;
            }
            byte[] meta = kv ? metadata.get(i).get() : null;
            Long expiration = expiry >= 0 ? Math.floorDiv(expiry, 1000L) : null;
            String json = meta == null ? null : new String(meta, StandardCharsets.UTF_8);
            page.add(new Entry(scope, Key.ofBytes(members.get(i)), value, json, expiration));
            seenRows++;
            seenBytes += value.length + (meta == null ? 0 : meta.length);
        }
        return gone;
    }

    /** Removes index members whose value is still gone; best effort, a read-only user cannot. */
    private void repair(List<byte[]> gone) {
        if (!repairAllowed) {
            return;
        }
        try {
            RedisIndexRepair.removeGone(connection.jedis(), keys, gone);
        } catch (JedisDataException e) {
            repairAllowed = false; // NOPERM or READONLY: reading must still work
        } catch (JedisException e) {
            throw connection.errors().translate(e, "repairing the index of " + scope.describe());
        }
    }

    private static byte[] exclusive(byte[] member) {
        byte[] out = new byte[member.length + 1];
        out[0] = '(';
        System.arraycopy(member, 0, out, 1, member.length);
        return out;
    }
}
