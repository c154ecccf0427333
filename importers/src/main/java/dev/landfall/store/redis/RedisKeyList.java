package dev.landfall.store.redis;

import dev.landfall.core.model.Key;
import dev.landfall.core.spi.KvAccess.KeyInfo;
import dev.landfall.core.spi.KvAccess.KeyPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * One page of a KV list over a namespace's index. The index is a sorted set of key bytes with
 * score 0, so {@code ZRANGE … BYLEX} walks it in unsigned byte order from the prefix (or the key to
 * start after) to the end of the prefix. The index also holds keys whose value Redis has already
 * expired, and keys expired at the caller's {@code now} that Redis still has: both are skipped, by
 * one pipelined {@code PEXPIRETIME} and metadata {@code GET} per member, and the walk goes on until
 * the page has one live key more than asked for (which makes {@code complete} exact) or the range
 * ends. The members whose value key is gone are kept in {@link #gone} for the caller to remove
 * from the index.
 */
final class RedisKeyList {
    private static final byte[] FIRST = {'-'};
    private static final byte[] LAST = {'+'};

    private final UnifiedJedis client;
    private final RedisScopeKeys keys;
    private final List<byte[]> gone = new ArrayList<>();

    RedisKeyList(UnifiedJedis client, RedisScopeKeys keys) {
        this.client = client;
        this.keys = keys;
    }

    KeyPage page(String prefix, Key after, int limit, long nowEpochSecond) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] min = after != null && Arrays.compareUnsigned(after.bytes(), start) >= 0
                ? bound('(', after.bytes())
                : start.length == 0 ? FIRST : bound('[', start);
        byte[] end = Key.endOfPrefix(start);
        byte[] max = end == null ? LAST : bound('(', end);
        List<KeyInfo> live = new ArrayList<>();
        while (true) {
            int want = limit + 1 - live.size();
            List<byte[]> members = client.zrangeByLex(keys.index(), min, max, 0, want);
            List<Response<Long>> expirations = new ArrayList<>(members.size());
            List<Response<byte[]>> metadata = new ArrayList<>(members.size());
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (byte[] member : members) {
                    expirations.add(pipeline.pexpireTime(keys.value(member)));
                    metadata.add(pipeline.get(keys.metadata(member)));
                }
                pipeline.sync();
            }
            for (int i = 0; i < members.size(); i++) {
                long pexpire = expirations.get(i).get();
                Long expiration = expiration(pexpire);
                if (pexpire == -2) {
                    gone.add(members.get(i));
                    continue; // gone: invisible, as in KV
                }
                if (expiration != null && expiration <= nowEpochSecond) {
                    continue; // expired at the caller's now, still in Redis for a moment: invisible too
                }
                if (live.size() == limit) {
                    return new KeyPage(live, false);
                }
                byte[] md = metadata.get(i).get();
                live.add(new KeyInfo(
                        Key.ofBytes(members.get(i)),
                        md == null ? null : new String(md, StandardCharsets.UTF_8),
                        expiration));
            }
            if (members.size() < want) {
                return new KeyPage(live, true);
            }
            min = bound('(', members.get(members.size() - 1));
        }
    }

    /** The members the last {@link #page} walked past whose value key was gone (Redis expired it). */
    List<byte[]> gone() {
        return gone;
    }

    /** A {@code PEXPIRETIME} reply in epoch seconds: null for -1 (never) and -2 (no such key). */
    static Long expiration(Long pexpireTime) {
        return pexpireTime == null || pexpireTime < 0 ? null : pexpireTime / 1000;
    }

    private static byte[] bound(char kind, byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = (byte) kind;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }
}
