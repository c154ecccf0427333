package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Applies a CREATE_ONLY batch as one Lua script: Redis runs a script atomically, and only a
 * script can branch inside the batch on whether a key exists, writing the index member, metadata
 * and value only for keys that were absent. An existing key is never touched. Entries that have
 * already expired are skipped.
 *
 * <p>The script declares itself with a {@code #!lua} shebang, so Redis refuses it before it
 * starts when it is out of memory or a read-only replica, rather than part way through. Redis does
 * not undo a script's writes when a command in it fails (a refused command, a key of the wrong
 * type), so each key's commands run in the order that leaves only harmless traces: the index
 * member first (readers skip members without a value), then the metadata (only ever read with its
 * value), the value last. A key is therefore either wholly created or absent, and a rerun creates
 * what is missing.
 */
final class RedisCreateOnlyBatch {
    /*
     * KEYS: [1] index, [2] do:objects, then per entry i: [2i+1] value key, [2i+2] metadata key
     * (the value key again for a Durable Object, which has none).
     * ARGV: [1] the do:objects member ('' for KV), then per entry i at a = 4i-2: key bytes, value,
     * metadata ('' for none, else '=' followed by the JSON text), PXAT milliseconds ('' for none).
     */
    private static final byte[] SCRIPT = String.join(
                    "\n",
                    "#!lua",
                    // First, so an object is listed even if the script fails part way; an object
                    // without entries is not listed anyway.
                    "if ARGV[1] ~= '' then",
                    "  redis.call('ZADD', KEYS[2], 0, ARGV[1])",
                    "end",
                    "local created = 0",
                    "for i = 1, (#KEYS - 2) / 2 do",
                    "  local vk, mk, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 4 * i - 2",
                    "  if redis.call('EXISTS', vk) == 0 then",
                    "    local member, value, meta, pxat = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]",
                    "    redis.call('ZADD', KEYS[1], 0, member)",
                    "    if mk ~= vk then",
                    "      if meta == '' then",
                    "        redis.call('DEL', mk)",
                    "      elseif pxat == '' then",
                    "        redis.call('SET', mk, string.sub(meta, 2))",
                    "      else",
                    "        redis.call('SET', mk, string.sub(meta, 2), 'PXAT', pxat)",
                    "      end",
                    "    end",
                    "    if pxat == '' then",
                    "      redis.call('SET', vk, value, 'NX')",
                    "    else",
                    "      redis.call('SET', vk, value, 'NX', 'PXAT', pxat)",
                    "    end",
                    "    created = created + 1",
                    "  end",
                    "end",
                    "return created")
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] NONE = new byte[0];
    private static final byte[] METADATA_MARK = {'='};

    private RedisCreateOnlyBatch() {}

    /**
     * Writes the entries whose keys are absent, in one script run.
     *
     * @param ops the entries (never null: CREATE_ONLY writers do not delete)
     * @param nowSecond entries that expire at or before this epoch second are skipped
     * @return how many keys were created
     */
    static long apply(
            RedisConnection connection, RedisScopeKeys keys, Map<Key, Entry> ops, long nowSecond, String action) {
        List<byte[]> scriptKeys = new ArrayList<>(2 + 2 * ops.size());
        List<byte[]> args = new ArrayList<>(1 + 4 * ops.size());
        scriptKeys.add(keys.index());
        scriptKeys.add(keys.objects());
        args.add(keys.objectMember() == null ? NONE : keys.objectMember());
        for (Map.Entry<Key, Entry> op : ops.entrySet()) {
            Entry entry = op.getValue();
            if (entry == null || entry.expiredAt(nowSecond)) {
                continue;
            }
            byte[] key = op.getKey().bytes();
            byte[] valueKey = keys.value(key);
            scriptKeys.add(valueKey);
            scriptKeys.add(keys.kv() ? keys.metadata(key) : valueKey);
            args.add(key);
            args.add(entry.value());
            args.add(entry.metadataJson() == null ? NONE : metadataArg(entry.metadataJson()));
            args.add(entry.expiration() == null ? NONE : RedisUpsertBatch.millis(entry.expiration()));
        }
        if (scriptKeys.size() == 2) {
            return 0;
        }
        try {
            Object created = connection.jedis().eval(SCRIPT, scriptKeys, args);
            return created instanceof Long n ? n : 0;
        } catch (JedisDataException e) {
            throw connection.errors().translate(e, action, mayHaveWritten(e));
        } catch (JedisException e) {
            throw connection.errors().translate(e, action);
        }
    }

    private static byte[] metadataArg(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = METADATA_MARK[0];
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    /**
     * Whether a script error may have come after some writes: Redis does not undo them. Refusals
     * that strike before the script runs, or at its first write, leave nothing.
     */
    private static boolean mayHaveWritten(JedisDataException e) {
        String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        return !(m.startsWith("NOPERM")
                || m.startsWith("NOAUTH")
                || m.startsWith("READONLY")
                || m.startsWith("OOM")
                || m.startsWith("BUSY")
                || m.startsWith("LOADING"));
    }
}
