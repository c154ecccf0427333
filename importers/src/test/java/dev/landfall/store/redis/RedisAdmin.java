package dev.landfall.store.redis;

import dev.landfall.core.spi.StoreUri;
import dev.landfall.store.TestServers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Direct access to the test server, for what tests do behind the store's back: reading the layout
 * with plain commands, dropping a test's keys, managing ACL users.
 */
final class RedisAdmin implements AutoCloseable {
    private final RedisStoreUri server;
    private final Jedis jedis;

    private RedisAdmin(RedisStoreUri server) {
        this.server = server;
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().database(server.database());
        server.username().ifPresent(b::user);
        server.secret().ifPresent(s -> b.password(s.reveal()));
        this.jedis = new Jedis(new HostAndPort(server.host(), server.port()), b.build());
    }

    /** Connects as the test server's user (skips the test when there is no server). */
    static RedisAdmin connect() {
        return new RedisAdmin(RedisStoreUri.parse(StoreUri.parse(TestServers.redisUrl())));
    }

    /** The test server's URI with another prefix. */
    static String url(String prefix) {
        String base = TestServers.redisUrl();
        return base + (base.contains("?") ? "&" : "?") + "prefix=" + prefix;
    }

    /** The server's URI text with another user, password, database and prefix. */
    String url(String user, String password, int database, String prefix) {
        return "redis://" + user + ":" + password + "@" + server.host() + ":" + server.port() + "/" + database
                + "?prefix=" + prefix;
    }

    /** A prefix of its own for a test directory (or any name). */
    static String prefixFor(Object owner) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(owner).getBytes(StandardCharsets.UTF_8));
            return "lf-test-" + HexFormat.of().formatHex(hash, 0, 6) + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Jedis jedis() {
        return jedis;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Deletes every key under the prefix (SCAN + UNLINK). */
    long drop(String prefix) {
        long dropped = 0;
        ScanParams params = new ScanParams().match(bytes(prefix + "*")).count(1000);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            List<byte[]> keys = page.getResult();
            if (!keys.isEmpty()) {
                dropped += jedis.unlink(keys.toArray(new byte[0][]));
            }
            cursor = page.getCursorAsBytes();
        } while (!"0".equals(new String(cursor, StandardCharsets.US_ASCII)));
        return dropped;
    }

    /** Creates (or resets) an ACL user with the given rules, such as {@code +@read}. */
    void createUser(String name, String password, String... rules) {
        String[] args = new String[rules.length + 6];
        args[0] = "SETUSER";
        args[1] = name;
        args[2] = "reset";
        args[3] = "on";
        args[4] = ">" + password;
        args[5] = "~*";
        System.arraycopy(rules, 0, args, 6, rules.length);
        jedis.sendCommand(redis.clients.jedis.Protocol.Command.ACL, args);
    }

    void deleteUser(String name) {
        jedis.sendCommand(redis.clients.jedis.Protocol.Command.ACL, "DELUSER", name);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
