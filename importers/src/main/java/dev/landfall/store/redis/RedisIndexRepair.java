package dev.landfall.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.commands.ScriptingKeyBinaryCommands;

/**
 * Removes index members whose value key is gone. Redis expires a value key by itself but cannot
 * take its member out of the scope's index, so the index may briefly hold expired keys; cursors
 * skip them and call this, and so do serve's key lists and its sweep ({@link RedisIndexSweep}). The check and the removal run in one script, so a key written again
 * meanwhile keeps its member.
 */
final class RedisIndexRepair {
    // KEYS: [1] index, [i+1] value key of member ARGV[i].
    private static final byte[] SCRIPT = String.join(
                    "\n",
                    "local removed = 0",
                    "for i = 1, #ARGV do",
                    "  if redis.call('EXISTS', KEYS[i + 1]) == 0 then",
                    "    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])",
                    "  end",
                    "end",
                    "return removed")
            .getBytes(StandardCharsets.UTF_8);

    private RedisIndexRepair() {}

    /**
     * Removes the members whose value key does not exist.
     *
     * @throws redis.clients.jedis.exceptions.JedisDataException when the user may not write (NOPERM)
     *     or the server is a replica (READONLY)
     */
    static long removeGone(ScriptingKeyBinaryCommands jedis, RedisScopeKeys keys, List<byte[]> members) {
        List<byte[]> scriptKeys = new ArrayList<>(members.size() + 1);
        scriptKeys.add(keys.index());
        for (byte[] member : members) {
            scriptKeys.add(keys.value(member));
        }
        Object removed = jedis.eval(SCRIPT, scriptKeys, members);
        return removed instanceof Long n ? n : 0;
    }
}
