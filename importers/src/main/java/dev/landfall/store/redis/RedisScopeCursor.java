package dev.landfall.store.redis;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZRangeParams;

/**
 * The scopes of a {@link RedisStore}: KV namespaces from the {@code kv:namespaces} hash, sorted by
 * id (there are few), then Durable Objects from the {@code do:objects} sorted set in member byte
 * order, a page at a time, leaving out objects whose index is empty (every entry deleted). With
 * Cloudflare's fixed-length hex ids, member order is (namespace, object) order.
 */
final class RedisScopeCursor extends AbstractCursor<Scope> {
    private static final int PAGE = 1000;
    private static final byte[] MIN = {'-'};
    private static final byte[] MAX = {'+'};

    private final RedisConnection connection;
    private final RedisLayout layout;
    private final ArrayDeque<Scope> buffered = new ArrayDeque<>();
    private boolean namespacesRead;
    private byte[] objectsAfter;
    private boolean objectsDone;

    RedisScopeCursor(RedisConnection connection, RedisLayout layout) {
        super(Checkpoint.START);
        this.connection = connection;
        this.layout = layout;
    }

    @Override
    public boolean next() {
        try {
            if (!namespacesRead) {
                readNamespaces();
            }
            while (buffered.isEmpty() && !objectsDone && !isClosed()) {
                readObjects();
            }
        } catch (JedisException e) {
            throw connection.errors().translate(e, "listing scopes");
        }
        Scope scope = isClosed() ? null : buffered.poll();
        return scope == null ? end() : deliver(scope, Checkpoint.after(Key.of(scope.id())));
    }

    private void readNamespaces() {
        namespacesRead = true;
        Map<byte[], byte[]> all = connection.jedis().hgetAll(layout.namespaces());
        List<KvNamespace> namespaces = new ArrayList<>(all.size());
        for (Map.Entry<byte[], byte[]> e : all.entrySet()) {
            String id = text(e.getKey());
            if (layout.keysOf(new KvNamespace(id, "")).isPresent()) {
                namespaces.add(new KvNamespace(id, text(e.getValue())));
            }
        }
        namespaces.sort(Comparator.comparing(ns -> Key.of(ns.namespaceId())));
        buffered.addAll(namespaces);
    }

    private void readObjects() {
        byte[] min = objectsAfter == null ? MIN : exclusive(objectsAfter);
        List<byte[]> members = connection
                .jedis()
                .zrange(
                        layout.objects(),
                        ZRangeParams.zrangeByLexParams(min, MAX).limit(0, PAGE));
        if (members.size() < PAGE) {
            objectsDone = true;
        }
        if (members.isEmpty()) {
            return;
        }
        objectsAfter = members.get(members.size() - 1);
        List<DurableObject> candidates = new ArrayList<>(members.size());
        List<Response<Boolean>> exists = new ArrayList<>(members.size());
        Connection raw = connection.raw();
        try (Pipeline p = new Pipeline(raw)) {
            for (byte[] member : members) {
                Optional<DurableObject> object = RedisLayout.objectOf(text(member));
                Optional<RedisScopeKeys> keys = object.flatMap(layout::keysOf);
                if (keys.isPresent()) {
                    candidates.add(object.get());
                    exists.add(p.exists(keys.get().index()));
                }
            }
            p.sync();
            for (int i = 0; i < candidates.size(); i++) {
                if (exists.get(i).get()) {
                    buffered.add(candidates.get(i));
                }
            }
        } catch (JedisException e) {
            if (!(e instanceof JedisDataException)) {
                connection.abandon(raw); // mid-pipeline: its replies would be read by the next command
            }
            throw e;
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] exclusive(byte[] member) {
        byte[] out = new byte[member.length + 1];
        out[0] = '(';
        System.arraycopy(member, 0, out, 1, member.length);
        return out;
    }
}
