package dev.landfall.store.redis;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link KvAccess} over the layout {@code landfall import} writes into Redis ({@link RedisLayout},
 * {@code docs/stores/redis.md}), for {@code landfall serve}.
 *
 * <p>Calls share Jedis' pooled client: a few connections, with timeouts short enough that an
 * unreachable or hung server is an error within about two seconds. A put and a delete are each one
 * Lua script, so one round trip that no other client sees half of (value, metadata and index change
 * together, as an import's transaction changes them); a get is one read-only script too (value,
 * metadata and expiry as of one moment), so one round trip. A put records a namespace it creates in the titles hash
 * and keeps the title of one that exists. Lists walk the index ({@link RedisKeyList}) and remove
 * the members of values Redis expired that they walked past; a background sweep ({@link
 * RedisIndexSweep}, one page a second) removes the others, so they do not pile up in a namespace
 * nobody lists. The server
 * is checked (credentials, database, Redis 7) when the store is opened; when it cannot be reached
 * then, the check runs with the first call that reaches it, so {@code serve} can start during an
 * outage.
 */
public final class RedisKvAccess implements KvAccess {
    /** Connections: a sidecar's few cores keep no more than this many commands in flight. */
    static final int POOL_SIZE = 8;
    /** How long a call waits for a connection, and to connect. */
    static final int CONNECT_TIMEOUT_MS = 2_000;
    /** How long a call waits for a reply. */
    static final int READ_TIMEOUT_MS = 2_000;
    /** How often the index sweep checks one page of members. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RedisKvAccess.class);

    // KEYS: value, metadata, index, titles. ARGV: value, PXAT ms or '', '1' with metadata, metadata,
    // namespace id, title, key.
    private static final RedisScript PUT = new RedisScript(
            "redis.call('HSETNX', KEYS[4], ARGV[5], ARGV[6])",
            "if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1])",
            "else redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2]) end",
            "if ARGV[3] ~= '1' then redis.call('DEL', KEYS[2])",
            "elseif ARGV[2] == '' then redis.call('SET', KEYS[2], ARGV[4])",
            "else redis.call('SET', KEYS[2], ARGV[4], 'PXAT', ARGV[2]) end",
            "redis.call('ZADD', KEYS[3], 0, ARGV[7])",
            "return 1");
    // KEYS: value, metadata. Replies nil for a missing value, else {value, metadata or nil, PEXPIRETIME
    // of the value}. Flagged no-writes: it also runs on a read-only replica and while the server is
    // out of memory. One EVALSHA is one round trip; Jedis' MULTI … EXEC took two (it reads the
    // replies to MULTI and the queued commands before it sends EXEC).
    private static final RedisScript GET = new RedisScript(
            "#!lua flags=no-writes",
            "local v = redis.call('GET', KEYS[1])",
            "if not v then return false end",
            "return {v, redis.call('GET', KEYS[2]), redis.call('PEXPIRETIME', KEYS[1])}");
    // KEYS: value, metadata, index. ARGV: key.
    private static final RedisScript DELETE =
            new RedisScript("redis.call('DEL', KEYS[1], KEYS[2])", "redis.call('ZREM', KEYS[3], ARGV[1])", "return 1");

    private final RedisStoreUri uri;
    private final RedisErrors errors;
    private final RedisLayout layout;
    private final RedisClient client;
    private volatile boolean serverChecked;
    private volatile boolean closed;
    /** Cleared when the server refuses to remove index members (NOPERM, READONLY): reads go on. */
    private volatile boolean repairAllowed = true;
    /** Runs {@link RedisIndexSweep}; null until {@link #open} starts it. */
    private ScheduledExecutorService sweeper;

    private RedisKvAccess(RedisStoreUri uri) {
        this.uri = uri;
        this.errors = new RedisErrors(uri);
        this.layout = new RedisLayout(uri.prefix());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(java.time.Duration.ofMillis(CONNECT_TIMEOUT_MS));
        this.client = RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.host(), uri.port()))
                .clientConfig(RedisConnection.config(uri, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS))
                .poolConfig(pool)
                .build();
    }

    /**
     * Opens a pooled client on the server the URI names and checks the server as import does.
     *
     * @throws LandfallException REJECTED (credentials) or USAGE (no such database, Redis before
     *     7.0); an unreachable server is no error here, but of the calls made while it lasts
     */
    public static RedisKvAccess open(RedisStoreUri uri) {
        RedisKvAccess access = new RedisKvAccess(Objects.requireNonNull(uri, "uri"));
        RedisKvAccess checked = KvAccess.checkedOnOpen(access, access::checkServer);
        checked.startSweeping(SWEEP_EVERY);
        return checked;
    }

    /**
     * Starts the sweep of index members whose value Redis has expired: one page of {@link
     * RedisIndexSweep#PAGE} members every {@code every}, so a pass over N members of all namespaces
     * takes about N / 1000 steps, and a member outlives its value by at most one pass. Lists remove
     * what they walk past too; a namespace nobody lists needs the sweep.
     */
    private synchronized void startSweeping(Duration every) {
        if (closed || sweeper != null) {
            return;
        }
        RedisIndexSweep sweep = new RedisIndexSweep(client, layout, RedisIndexSweep.PAGE);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "landfall-redis-index-sweep");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        sweeper.scheduleWithFixedDelay(() -> sweepStep(sweep), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One sweep step; a failure waits for the next step, a refusal to write (NOPERM, READONLY) ends the sweep. */
    private void sweepStep(RedisIndexSweep sweep) {
        if (closed || !serverChecked || !repairAllowed) {
            return; // before the first call reached the server, the server is not known to be there
        }
        try {
            sweep.step();
        } catch (JedisDataException e) {
            refuseRepair(e);
        } catch (RuntimeException e) {
            log.debug("sweeping the index failed; the next step tries again: {}", e.toString());
        }
    }

    /**
     * Stops removing index members for good when the server says this user may not (NOPERM) or
     * this server is a replica (READONLY); other refusals (BUSY, LOADING, OOM) pass, and the next
     * step or list tries again.
     */
    private void refuseRepair(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        boolean mayNot = message.contains("NOPERM")
                || message.contains("user executing the script can't run") // Redis 7, a command refused in a script
                || message.startsWith("READONLY");
        if (!mayNot) {
            log.debug("removing expired members from the index failed; later calls try again: {}", message);
            return;
        }
        repairAllowed = false;
        log.info(
                "{}: expired keys stay in the namespace index (lists skip them): the server refused to remove them: {}",
                uri.label(),
                e.getMessage());
    }

    @Override
    public String describe() {
        return uri.label();
    }

    @Override
    public List<KvNamespace> namespaces() throws IOException {
        return call("listing the namespaces", () -> {
            List<KvNamespace> found = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e :
                    client.hgetAll(layout.namespaces()).entrySet()) {
                found.add(new KvNamespace(text(e.getKey()), text(e.getValue())));
            }
            found.sort(Comparator.comparing(ns -> Key.of(ns.namespaceId())));
            return found;
        });
    }

    @Override
    public Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException {
        Objects.requireNonNull(key, "key");
        Optional<RedisScopeKeys> keys = layout.keysOf(Objects.requireNonNull(namespace, "namespace"));
        if (keys.isEmpty()) {
            return Optional.empty(); // an id this layout cannot hold: nothing was imported under it
        }
        byte[] k = key.bytes();
        Stored stored =
                call("reading a key", () -> read(keys.get().value(k), keys.get().metadata(k)));
        if (stored.value() == null) {
            return Optional.empty();
        }
        Long expiration = RedisKeyList.expiration(stored.pexpireTime());
        if (expiration != null && expiration <= nowEpochSecond) {
            return Optional.empty();
        }
        String metadata = stored.metadata() == null ? null : text(stored.metadata());
        return Optional.of(new Entry(namespace, key, stored.value(), metadata, expiration));
    }

    /** A key's value and metadata (each null when absent) and its value's PEXPIRETIME. */
    private record Stored(byte[] value, byte[] metadata, Long pexpireTime) {}

    /** Reads value, metadata and expiry with one script: one round trip that no write lands in the middle of. */
    private Stored read(byte[] valueKey, byte[] metadataKey) {
        Object reply = GET.run(client, List.of(valueKey, metadataKey), List.of());
        if (!(reply instanceof List<?> found)) {
            return new Stored(null, null, null);
        }
        return new Stored((byte[]) found.get(0), (byte[]) found.get(1), (Long) found.get(2));
    }

    /**
     * {@inheritDoc}
     *
     * @throws LandfallException USAGE when the namespace id is empty or holds {@code :}, which the
     *     layout cannot hold
     */
    @Override
    public void put(Entry entry) throws IOException {
        KvNamespace namespace = KvAccess.namespaceOf(entry);
        RedisScopeKeys keys = layout.keysForWriting(namespace, uri.label());
        byte[] k = entry.key().bytes();
        byte[] pxat = entry.expiration() == null ? new byte[0] : bytes(Long.toString(entry.expiration() * 1000));
        String metadata = entry.metadataJson();
        call(
                "writing a key",
                () -> PUT.run(
                        client,
                        List.of(keys.value(k), keys.metadata(k), keys.index(), layout.namespaces()),
                        List.of(
                                entry.value(),
                                pxat,
                                bytes(metadata == null ? "0" : "1"),
                                bytes(metadata == null ? "" : metadata),
                                bytes(namespace.namespaceId()),
                                bytes(namespace.title()),
                                k)));
    }

    @Override
    public void delete(KvNamespace namespace, Key key) throws IOException {
        Objects.requireNonNull(key, "key");
        Optional<RedisScopeKeys> keys = layout.keysOf(Objects.requireNonNull(namespace, "namespace"));
        if (keys.isEmpty()) {
            return;
        }
        byte[] k = key.bytes();
        call(
                "deleting a key",
                () -> DELETE.run(
                        client,
                        List.of(
                                keys.get().value(k),
                                keys.get().metadata(k),
                                keys.get().index()),
                        List.of(k)));
    }

    @Override
    public KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond)
            throws IOException {
        KvAccess.checkList(namespace, prefix, limit);
        Optional<RedisScopeKeys> keys = layout.keysOf(namespace);
        if (keys.isEmpty()) {
            return new KeyPage(List.of(), true);
        }
        RedisKeyList list = new RedisKeyList(client, keys.get());
        KeyPage page = call("listing keys", () -> list.page(prefix, after, limit, nowEpochSecond));
        if (!list.gone().isEmpty() && repairAllowed) {
            // Best effort, after the page is read: the list's answer does not wait on it failing.
            try {
                RedisIndexRepair.removeGone(client, keys.get(), list.gone());
            } catch (JedisDataException e) {
                refuseRepair(e);
            } catch (JedisException e) {
                log.debug("removing expired members from the index failed: {}", e.toString());
            }
        }
        return page;
    }

    /** Closes the pool. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            client.close();
        }
    }

    /** A call to the server. */
    private interface Work<T> {
        T run();
    }

    private <T> T call(String what, Work<T> work) throws IOException {
        if (closed) {
            throw new IOException(uri.label() + " is closed");
        }
        try {
            if (!serverChecked) {
                checkServer();
            }
            return work.run();
        } catch (JedisException e) {
            LandfallException mapped = errors.translate(e, what);
            throw new IOException(mapped.getMessage(), mapped);
        } catch (LandfallException e) {
            if (e.kind() == ErrorKind.USAGE) {
                throw e;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Checks credentials, database and version with import's own connection code, once. A pooled
     * connection first shows, within the pool's short timeout, that the server answers: the
     * import's connection waits longer for a server that does not.
     */
    private synchronized void checkServer() {
        if (serverChecked) {
            return;
        }
        try {
            client.ping();
        } catch (JedisException e) {
            throw errors.onConnect(e);
        }
        RedisConnection.open(uri).close();
        serverChecked = true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
