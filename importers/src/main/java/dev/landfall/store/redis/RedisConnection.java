package dev.landfall.store.redis;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.io.Closeable;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one connection of a {@link RedisStore}. Writers and cursors use it in turn on the store's
 * thread, each finishing its pipeline or transaction before returning, so one connection is
 * enough. A connection broken by a network error is replaced on next use, so a retried operation
 * can succeed on the same store.
 */
final class RedisConnection implements Closeable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    // A flush of ~16 MiB or a page of large values can take a while on a busy server.
    private static final int SOCKET_TIMEOUT_MS = 120_000;

    private final RedisStoreUri uri;
    private final RedisErrors errors;
    private final JedisClientConfig config;
    private volatile Jedis jedis;
    private volatile boolean closed;

    private RedisConnection(RedisStoreUri uri) {
        this.uri = uri;
        this.errors = new RedisErrors(uri);
        this.config = config(uri);
    }

    /**
     * Connects, authenticates, selects the database and checks that the server is Redis 7.0 or
     * later (PEXPIRETIME).
     *
     * @throws LandfallException TRANSIENT when unreachable, REJECTED for credentials, USAGE for a
     *     database that does not exist or a server too old
     */
    static RedisConnection open(RedisStoreUri uri) {
        RedisConnection c = new RedisConnection(uri);
        c.jedis = c.connect();
        try {
            c.jedis.pexpireTime(RedisLayout.bytes(uri.prefix() + "kv:namespaces"));
        } catch (JedisDataException e) {
            c.close();
            if (e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("unknown command")) {
                throw LandfallException.usage(
                        "store " + uri.label() + " runs a Redis older than 7.0 (it has no PEXPIRETIME)",
                        "use Redis 7.0 or later, or a sqlite: or postgres: store");
            }
            throw c.errors.translate(e, "checking the server");
        } catch (JedisException e) {
            c.close();
            throw c.errors.onConnect(e);
        }
        return c;
    }

    private Jedis connect() {
        try {
            Jedis j = new Jedis(new HostAndPort(uri.host(), uri.port()), config);
            j.getConnection().setSoTimeout(SOCKET_TIMEOUT_MS);
            return j;
        } catch (JedisException e) {
            throw errors.onConnect(e);
        }
    }

    private static JedisClientConfig config(RedisStoreUri uri) {
        // Until connected, the socket timeout is the connect timeout: a TLS handshake with a server
        // that does not speak TLS waits for a reply that never comes. Raised to SOCKET_TIMEOUT_MS once connected.
        return config(uri, CONNECT_TIMEOUT_MS, CONNECT_TIMEOUT_MS);
    }

    /** The client settings for the URI: database, credentials, TLS, and the given timeouts. */
    static JedisClientConfig config(RedisStoreUri uri, int connectTimeoutMillis, int socketTimeoutMillis) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .resp2()
                .database(uri.database())
                .connectionTimeoutMillis(connectTimeoutMillis)
                .socketTimeoutMillis(socketTimeoutMillis)
                // CLIENT SETINFO is Redis 7.2+, and a restricted ACL user may not run it.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        uri.username().ifPresent(b::user);
        uri.secret().map(Secret::reveal).ifPresent(b::password);
        if (uri.tls()) {
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // verify the host name
            b.ssl(true).sslParameters(params);
            uri.caCertificates().ifPresent(pem -> b.sslSocketFactory(PemTrust.socketFactory(pem, uri.label())));
        }
        return b.build();
    }

    /** The client, reconnected if a network error broke the previous connection. */
    Jedis jedis() {
        if (closed) {
            throw new IllegalStateException(uri.label() + " is closed");
        }
        Jedis j = jedis;
        if (j.getConnection().isBroken()) {
            j.close();
            j = connect();
            jedis = j;
        }
        return j;
    }

    /** The raw connection, for transactions and pipelines that bypass the client's own state. */
    Connection raw() {
        return jedis().getConnection();
    }

    /**
     * Drops a connection left in an unknown state (mid-transaction, mid-pipeline): the server
     * discards a transaction whose connection closes; the next use reconnects.
     */
    void abandon(Connection raw) {
        raw.setBroken();
        try {
            raw.close();
        } catch (RuntimeException ignored) {
            // It is being thrown away; a failure to close it changes nothing.
        }
    }

    RedisErrors errors() {
        return errors;
    }

    RedisStoreUri uri() {
        return uri;
    }

    boolean isClosed() {
        return closed;
    }

    /** Idempotent; may be called from another thread to interrupt a blocked read. */
    @Override
    public void close() {
        closed = true;
        Jedis j = jedis;
        if (j != null) {
            j.close();
        }
    }
}
