package dev.landfall.store.redis;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Applies an UPSERT or MIRROR batch as one {@code MULTI}/{@code EXEC} transaction, sent pipelined:
 * a client killed before {@code EXEC} reaches the server leaves nothing of the batch, because the
 * server discards the queued commands when the connection drops. The reply to {@code MULTI} is
 * read before anything else is sent: a user who may not run {@code MULTI} would otherwise have
 * the batch's commands run one by one, outside any transaction.
 *
 * <p>Per key: a live entry sets its value (with {@code PXAT} when it expires, or plainly, which
 * clears an old TTL), sets or deletes its metadata and joins the index; a delete, or an entry whose
 * expiration has passed, deletes both keys and leaves the index. To keep the server's per-command
 * cost off the hot path, entries that do not expire go into variadic {@code MSET}s, and deletes,
 * index additions and removals into variadic {@code DEL}, {@code ZADD} and {@code ZREM}, each
 * holding up to {@link #CHUNK} keys; only expiring keys need a {@code SET … PXAT} each.
 */
final class RedisUpsertBatch {
    /** Keys per variadic command: big enough to amortise, small enough for modest argument lists. */
    static final int CHUNK = 1024;

    private static final byte[] ZERO = {'0'};
    private static final byte[] PXAT = {'P', 'X', 'A', 'T'};

    private final Connection raw;
    private final Variadic mset;
    private final Variadic del;
    private final Variadic zadd;
    private final Variadic zrem;
    private int queued;

    private RedisUpsertBatch(Connection raw, RedisScopeKeys keys) {
        this.raw = raw;
        this.mset = new Variadic(this, Protocol.Command.MSET, null);
        this.del = new Variadic(this, Protocol.Command.DEL, null);
        this.zadd = new Variadic(this, Protocol.Command.ZADD, keys.index());
        this.zrem = new Variadic(this, Protocol.Command.ZREM, keys.index());
    }

    /**
     * Applies the operations (a null entry deletes its key) in one transaction.
     *
     * @param nowSecond entries that expire at or before this epoch second are deleted, not written
     * @param noMetadataKey keys known to have no metadata key: a put without metadata need not delete it
     */
    static void apply(
            RedisConnection connection,
            RedisScopeKeys keys,
            Map<Key, Entry> ops,
            long nowSecond,
            Predicate<Key> noMetadataKey,
            String action) {
        Connection raw = connection.raw();
        try {
            raw.sendCommand(Protocol.Command.MULTI);
            raw.getStatusCodeReply();
        } catch (JedisDataException e) {
            throw connection.errors().translate(e, action); // NOPERM: nothing was sent yet
        } catch (JedisException e) {
            connection.abandon(raw);
            throw connection.errors().translate(e, action);
        }
        RedisUpsertBatch batch = new RedisUpsertBatch(raw, keys);
        List<Object> results;
        try {
            if (keys.objectMember() != null) {
                // Listed only while its index holds entries, so registering it always is harmless.
                batch.send(Protocol.Command.ZADD, keys.objects(), ZERO, keys.objectMember());
            }
            for (Map.Entry<Key, Entry> op : ops.entrySet()) {
                Key key = op.getKey();
                batch.add(keys, key.bytes(), op.getValue(), nowSecond, noMetadataKey.test(key));
            }
            batch.finish();
            raw.sendCommand(Protocol.Command.EXEC);
            List<Object> queuedReplies = raw.getMany(batch.queued);
            try {
                results = raw.getObjectMultiBulkReply();
            } catch (JedisDataException e) {
                // EXECABORT: a command was refused while queuing (NOPERM, OOM, …); nothing was applied.
                throw connection.errors().translate(firstError(queuedReplies, e), action, false);
            }
        } catch (JedisDataException | LandfallException e) {
            throw e;
        } catch (RuntimeException e) {
            // Anything else mid-transaction: drop the connection, so the server discards what was
            // queued; the next use reconnects.
            connection.abandon(raw);
            if (e instanceof JedisException je) {
                throw connection.errors().translate(je, action);
            }
            throw e;
        }
        checkResults(connection, results, action);
    }

    private void send(Protocol.Command command, byte[]... args) {
        raw.sendCommand(command, args);
        queued++;
    }

    /** Queues one operation. */
    private void add(RedisScopeKeys keys, byte[] key, Entry entry, long nowSecond, boolean noMetadataKey) {
        byte[] valueKey = keys.value(key);
        byte[] metadataKey = keys.kv() ? keys.metadata(key) : null;
        if (entry == null || entry.expiredAt(nowSecond)) {
            del.add(valueKey);
            if (metadataKey != null) {
                del.add(metadataKey);
            }
            zrem.add(key);
            return;
        }
        Long expiration = entry.expiration();
        if (expiration == null) {
            mset.add(valueKey, entry.value());
        } else {
            send(Protocol.Command.SET, valueKey, entry.value(), PXAT, millis(expiration));
        }
        if (metadataKey != null) {
            String metadata = entry.metadataJson();
            if (metadata == null) {
                if (!noMetadataKey) {
                    del.add(metadataKey);
                }
            } else if (expiration == null) {
                mset.add(metadataKey, metadata.getBytes(StandardCharsets.UTF_8));
            } else {
                send(
                        Protocol.Command.SET,
                        metadataKey,
                        metadata.getBytes(StandardCharsets.UTF_8),
                        PXAT,
                        millis(expiration));
            }
        }
        zadd.add(ZERO, key);
    }

    private void finish() {
        mset.send();
        del.send();
        zadd.send();
        zrem.send();
    }

    static byte[] millis(long epochSecond) {
        return Long.toString(Math.multiplyExact(epochSecond, 1000L)).getBytes(StandardCharsets.US_ASCII);
    }

    private static JedisDataException firstError(List<Object> queuedReplies, JedisDataException otherwise) {
        for (Object r : queuedReplies) {
            if (r instanceof JedisDataException d) {
                return d;
            }
        }
        return otherwise;
    }

    private static void checkResults(RedisConnection connection, List<Object> results, String action) {
        if (results == null) {
            throw connection.errors().translate(new JedisDataException("EXECABORT transaction aborted"), action);
        }
        for (Object r : results) {
            if (r instanceof JedisDataException e) {
                // A command failed while EXEC ran (WRONGTYPE): Redis does not roll the others back.
                throw connection.errors().translate(e, action, true);
            }
        }
    }

    /** A variadic command filled in chunks: {@code CMD [head] args…}, sent when it holds {@link #CHUNK} items. */
    private static final class Variadic {
        private final RedisUpsertBatch batch;
        private final Protocol.Command command;
        private final byte[] head;
        private final List<byte[]> args = new ArrayList<>();
        private int items;

        Variadic(RedisUpsertBatch batch, Protocol.Command command, byte[] head) {
            this.batch = batch;
            this.command = command;
            this.head = head;
        }

        void add(byte[] arg) {
            args.add(arg);
            counted();
        }

        void add(byte[] first, byte[] second) {
            args.add(first);
            args.add(second);
            counted();
        }

        private void counted() {
            if (++items >= CHUNK) {
                send();
            }
        }

        void send() {
            if (items == 0) {
                return;
            }
            int offset = head == null ? 0 : 1;
            byte[][] argv = new byte[args.size() + offset][];
            if (head != null) {
                argv[0] = head;
            }
            for (int i = 0; i < args.size(); i++) {
                argv[i + offset] = args.get(i);
            }
            batch.send(command, argv);
            args.clear();
            items = 0;
        }
    }
}
