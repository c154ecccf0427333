package dev.landfall.store.redis;

import dev.landfall.core.model.KvNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import redis.clients.jedis.commands.JedisBinaryCommands;

/**
 * Walks the index of every KV namespace, one page of members a step, and removes the members whose
 * value key is gone ({@link RedisIndexRepair}). Redis expires a value key by itself but cannot take
 * its member out of the index; without this, a namespace whose keys expire and which nobody lists
 * (sessions read by key) would keep one member per expired key for ever. A pass visits every
 * namespace in the titles hash from its first member to its last, then the next pass starts.
 *
 * <p>One thread calls {@link #step}; it keeps only its place between steps, so it needs no lock.
 */
final class RedisIndexSweep {
    /** Members checked a step: one {@code ZRANGE} and one script of as many {@code EXISTS}. */
    static final int PAGE = 1000;

    private static final byte[] FIRST = {'-'};
    private static final byte[] LAST = {'+'};

    private final JedisBinaryCommands client;
    private final RedisLayout layout;
    private final int page;
    private final Deque<RedisScopeKeys> left = new ArrayDeque<>();
    /** The last member checked in the namespace at the head of {@link #left}; null for its start. */
    private byte[] after;

    RedisIndexSweep(JedisBinaryCommands client, RedisLayout layout, int page) {
        this.client = client;
        this.layout = layout;
        this.page = page;
    }

    /**
     * Checks the next page of the current pass, starting a pass (reading the namespaces) when none is
     * under way.
     *
     * @return the members removed
     * @throws redis.clients.jedis.exceptions.JedisDataException when the user may not write (NOPERM)
     *     or the server is a replica (READONLY): the caller stops sweeping
     */
    long step() {
        if (left.isEmpty()) {
            for (byte[] id : client.hkeys(layout.namespaces())) {
                layout.keysOf(new KvNamespace(new String(id, StandardCharsets.UTF_8), ""))
                        .ifPresent(left::add);
            }
            after = null;
            if (left.isEmpty()) {
                return 0;
            }
        }
        RedisScopeKeys keys = left.peek();
        List<byte[]> members =
                client.zrangeByLex(keys.index(), after == null ? FIRST : exclusive(after), LAST, 0, page);
        long removed = members.isEmpty() ? 0 : RedisIndexRepair.removeGone(client, keys, members);
        if (members.size() < page) {
            left.poll();
            after = null;
        } else {
            after = members.get(members.size() - 1);
        }
        return removed;
    }

    /** Whether the last step ended a pass: the next one starts over from the first namespace. */
    boolean passDone() {
        return left.isEmpty();
    }

    private static byte[] exclusive(byte[] member) {
        byte[] out = new byte[member.length + 1];
        out[0] = '(';
        System.arraycopy(member, 0, out, 1, member.length);
        return out;
    }
}
