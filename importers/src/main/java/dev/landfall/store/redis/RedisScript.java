package dev.landfall.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so a call sends the digest rather than the
 * source; sent whole ({@code EVAL}, which also caches it) only when the server does not know it
 * yet, after a restart or a {@code SCRIPT FLUSH}. A script runs atomically: no other client sees
 * half of it.
 */
final class RedisScript {
    private final byte[] source;
    private final byte[] sha1;

    RedisScript(String... lines) {
        this.source = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try {
            this.sha1 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    Object run(UnifiedJedis client, List<byte[]> keys, List<byte[]> args) {
        try {
            return client.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return client.eval(source, keys, args);
        }
    }
}
