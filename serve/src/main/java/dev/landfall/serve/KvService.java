package dev.landfall.serve;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.InProcessReads;
import dev.landfall.core.spi.KvAccess;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers KV semantics over a {@link KvAccess}, hot in memory: what every front end of {@code
 * landfall serve} (Cloudflare's REST routes, workerd's KV binding) calls.
 *
 * <p>Each operation looks the namespace up first (404, code 10013, when the store has none of that
 * id, whatever else is wrong with the request), then checks Cloudflare's limits (key 1..512 UTF-8 bytes and not {@code .} or
 * {@code ..}, value ≤ 25 MiB, metadata ≤ 1024 bytes of JSON, expiration at least 60 s ahead, list
 * limit 1..1000) and refuses with a {@link KvError}; a store that cannot be reached is a {@link
 * KvError} with status 503. Nothing else is thrown.
 *
 * <p>Reads go through a cache bounded in bytes. An answer, found or not, is served for at most
 * {@link CacheSettings#freshFor} after it was read from the store; from half of that on, a read
 * still gets the cached answer while one background reload runs, so a hot key never waits on the
 * store. This instance's own writes replace the cached answer at once; writes by other instances
 * are seen within {@code freshFor}, the eventual consistency KV itself has. An entry is never
 * served past its own expiration. While the store is unreachable, answers younger than {@code
 * freshFor} are still served; older ones are 503. Key lists and the namespace list are read from
 * the store (the namespace list is kept like a value).
 *
 * <p>Thread-safe.
 */
public final class KvService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KvService.class);
    /** Per cached answer, beyond its key, value and metadata bytes: the objects around them. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;
    /**
     * The caches' own executor: their upkeep (evicting, expiring; a few microseconds) runs on the
     * request thread that triggers it rather than waking a pool thread for each write, a hand-off
     * that costs more than the upkeep on a sidecar's two cores. Reloads, which wait on the store,
     * still go to the reload executor ({@link StoreLoader#asyncReload}).
     */
    private static final Executor CALLER = Runnable::run;

    private final KvAccess store;
    private final CacheSettings settings;
    private final Clock clock;
    private final StoreHealth health;
    private final Executor reloads;
    private final Ticker ticker;
    private final LoadingCache<CacheKey, Cached> values;
    /**
     * With the cache off ({@code maxBytes} 0) a get reads the store directly: through a Caffeine
     * bounded at zero it would still build, weigh, insert and evict an entry per read.
     */
    private final boolean cacheOff;
    /** Gets read straight from the store while the cache is off: its miss count. */
    private final LongAdder uncachedReads = new LongAdder();
    /** Whether the store's gets are quick enough to run on the thread that took the request. */
    private final QuickReads quickReads;

    private final LoadingCache<Boolean, Map<String, KvNamespace>> namespaces;

    /** A service on the system's monotonic ticker, reloading on the common pool. */
    public KvService(KvAccess store, CacheSettings settings, Clock clock) {
        this(store, settings, clock, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /**
     * A service whose cache ages by {@code ticker}, which also times store reads, and reloads on
     * {@code reloads} (tests pass a fake ticker and a direct executor, so freshness is deterministic).
     */
    public KvService(KvAccess store, CacheSettings settings, Clock clock, Ticker ticker, Executor reloads) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = new StoreHealth(clock);
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.cacheOff = settings.maxBytes() == 0;
        this.quickReads = new QuickReads(store instanceof InProcessReads);
        long freshNanos = settings.freshFor().toNanos();
        values = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey k, Cached c) -> c.weight(k))
                .expireAfterWrite(java.time.Duration.ofNanos(freshNanos))
                .refreshAfterWrite(java.time.Duration.ofNanos(Math.max(1, freshNanos / 2)))
                .ticker(ticker)
                .executor(CALLER)
                .recordStats()
                .build(new ValueLoader());
        namespaces = Caffeine.newBuilder()
                .refreshAfterWrite(java.time.Duration.ofNanos(Math.max(1, freshNanos / 2)))
                .ticker(ticker)
                .executor(CALLER)
                .build(new NamespaceLoader());
    }

    /** The cache's size and freshness. */
    public CacheSettings cacheSettings() {
        return settings;
    }

    /** How the store has been answering. */
    public StoreHealth health() {
        return health;
    }

    /** The store, for messages: its description with secrets masked. */
    public String describeStore() {
        return store.describe();
    }

    /**
     * The cache's hit and miss counts so far (a negative answer served from the cache is a hit).
     * With the cache off, every get is a miss and only those counts are kept.
     */
    public CacheStats cacheStats() {
        if (cacheOff) {
            return CacheStats.of(0, uncachedReads.sum(), 0, 0, 0, 0, 0);
        }
        return values.stats();
    }

    /** Bytes the cache holds, as weighed. */
    public long cachedBytes() {
        return values.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * Asks the store for its namespaces, bypassing the cache: true when it answered. {@code
     * /readyz} calls it until the store has been reached once.
     */
    public boolean probe() {
        try {
            namespaces.put(Boolean.TRUE, index(store.namespaces()));
            health.succeeded();
            return true;
        } catch (IOException | RuntimeException e) {
            health.failed();
            log.debug("store probe failed: {}", e.toString());
            return false;
        }
    }

    /** The KV namespaces the store holds, in the store's order. */
    public List<KvNamespace> namespaces() {
        return List.copyOf(namespaceIndex("list namespaces").values());
    }

    /** A key's value, if it exists and has not expired. */
    public Optional<byte[]> get(String namespaceId, Key key) {
        return getWithMetadata(namespaceId, key).map(Entry::value);
    }

    /** A key's entry (value, metadata, expiration), if it exists and has not expired. */
    public Optional<Entry> getWithMetadata(String namespaceId, Key key) {
        KvNamespace ns = namespace(namespaceId, "get");
        KvRules.key(key);
        if (cacheOff) {
            return readUncached(ns, key);
        }
        CacheKey ck = new CacheKey(ns, key);
        Cached cached;
        try {
            cached = values.get(ck);
        } catch (CompletionException e) {
            throw KvError.storeUnreachable("get");
        }
        Entry entry = cached.entry();
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiredAt(now())) {
            values.asMap().remove(ck, cached);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /**
     * A key's live entry when the cache holds it, found, never waiting on the store: the hot read,
     * answered on the thread that read the request. Null when {@link #getWithMetadata} must answer
     * instead: the key is not cached, cached as missing or expired, or the namespace is unknown or
     * not cached; nothing is counted then, so that call counts the hit or miss once. An entry
     * returned counts as a hit and starts the background reload a cached read starts.
     */
    public Entry cachedEntry(String namespaceId, Key key) {
        Map<String, KvNamespace> index = namespaces.getIfPresent(Boolean.TRUE);
        KvNamespace ns = index == null ? null : index.get(namespaceId);
        if (ns == null) {
            return null;
        }
        CacheKey ck = new CacheKey(ns, key);
        // Looked at quietly first: a miss here is counted by getWithMetadata, and must not be twice
        // (but for an eviction or a write between the two looks, which may count one more).
        // An expired entry goes the full way too, which drops it from the cache.
        if (!found(values.policy().getIfPresentQuietly(ck))) {
            return null;
        }
        Cached cached = values.getIfPresent(ck);
        return found(cached) ? cached.entry() : null;
    }

    /** Whether {@code c} is a cached entry that has not expired; the clock is read only for one that expires. */
    private boolean found(Cached c) {
        return c != null
                && c.entry() != null
                && (c.entry().expiration() == null || !c.entry().expiredAt(now()));
    }

    /**
     * Whether a get that misses the cache may run on a thread that must not wait long (serve's
     * selector): the store reads in this process and its reads have been quick ({@link QuickReads}).
     */
    public boolean readsQuickly() {
        return quickReads.allowed();
    }

    /** A get with the cache off: the store answers as of now, expired entries already left out. */
    private Optional<Entry> readUncached(KvNamespace ns, Key key) {
        uncachedReads.increment();
        Optional<Entry> entry;
        try {
            entry = timedGet(ns, key);
        } catch (IOException e) {
            health.failed();
            log.warn("store read failed: {}", e.getMessage());
            throw KvError.storeUnreachable("get");
        }
        health.succeeded();
        return entry;
    }

    /** Writes a key, durably when this returns; see {@link Write} for the arguments. */
    public void put(
            String namespaceId, Key key, byte[] value, String metadataJson, Long expiration, Long expirationTtl) {
        putAll(namespaceId, List.of(new Write(key, value, metadataJson, expiration, expirationTtl)));
    }

    /**
     * One write of {@link #putAll}.
     *
     * @param value the value bytes, owned by the write
     * @param metadataJson JSON text, or null for none
     * @param expiration absolute expiry in epoch seconds, or null
     * @param expirationTtl seconds from now, or null; wins over {@code expiration}
     */
    public record Write(Key key, byte[] value, String metadataJson, Long expiration, Long expirationTtl) {}

    /**
     * Writes several keys in order, each durably when this returns; every write is checked
     * against the limits before the first is made, so a bad one writes nothing.
     */
    public void putAll(String namespaceId, List<Write> writes) {
        KvNamespace ns = namespace(namespaceId, "put");
        long now = now();
        List<Entry> entries = new java.util.ArrayList<>(writes.size());
        for (Write w : writes) {
            KvRules.key(w.key());
            KvRules.value(Objects.requireNonNull(w.value(), "value"));
            String metadata = KvRules.metadata(w.metadataJson());
            Long expires = KvRules.expiration(w.expiration(), w.expirationTtl(), now);
            entries.add(new Entry(ns, w.key(), w.value(), metadata, expires));
        }
        for (Entry entry : entries) {
            CacheKey ck = new CacheKey(ns, entry.key());
            try {
                store.put(entry);
            } catch (IOException e) {
                // The write may or may not have landed: forget what was cached so the next read asks.
                values.invalidate(ck);
                throw unreachable("put", e);
            }
            health.succeeded();
            values.put(ck, new Cached(entry));
        }
    }

    /** Deletes a key, durably when this returns; deleting a missing key is not an error. */
    public void delete(String namespaceId, Key key) {
        KvNamespace ns = namespace(namespaceId, "delete");
        KvRules.key(key);
        CacheKey ck = new CacheKey(ns, key);
        try {
            store.delete(ns, key);
        } catch (IOException e) {
            values.invalidate(ck);
            throw unreachable("delete", e);
        }
        health.succeeded();
        values.put(ck, Cached.MISSING);
    }

    /**
     * One page of live keys that start with {@code prefix}, read from the store.
     *
     * @param prefix null or empty for all keys
     * @param limit 1..1000, null for 1000
     * @param cursor the {@link KeyListing#cursor} of the previous page, null or empty for the first
     */
    public KeyListing list(String namespaceId, String prefix, Integer limit, String cursor) {
        KvNamespace ns = namespace(namespaceId, "list keys");
        int max = KvRules.limit(limit);
        Key after = KvRules.cursor(cursor);
        KvAccess.KeyPage page;
        try {
            page = store.list(ns, prefix == null ? "" : prefix, after, max, now());
        } catch (IOException e) {
            throw unreachable("list keys", e);
        }
        health.succeeded();
        List<KvAccess.KeyInfo> keys = page.keys();
        String next = page.complete() || keys.isEmpty()
                ? ""
                : OpaqueCursor.encode(keys.get(keys.size() - 1).key().bytes());
        return new KeyListing(keys, next.isEmpty(), next);
    }

    /** Closes the store. Idempotent. */
    @Override
    public void close() throws IOException {
        store.close();
    }

    /**
     * Refuses an id the store holds no namespace under (404, code 10013), before a caller checks
     * anything else of a request: Cloudflare says an unknown namespace first, as the sandbox does.
     *
     * @param op the operation, for the message ({@code get}, {@code bulk delete}, …)
     */
    public void checkNamespace(String namespaceId, String op) {
        namespace(namespaceId, op);
    }

    private KvNamespace namespace(String namespaceId, String op) {
        KvNamespace ns = namespaceIndex(op).get(namespaceId);
        if (ns == null) {
            throw KvError.namespaceNotFound(op);
        }
        return ns;
    }

    private Map<String, KvNamespace> namespaceIndex(String op) {
        try {
            return namespaces.get(Boolean.TRUE);
        } catch (CompletionException e) {
            throw KvError.storeUnreachable(op);
        }
    }

    /**
     * The store's get as of now, its time on the cache's ticker recorded for {@link #readsQuickly},
     * failed or not.
     */
    private Optional<Entry> timedGet(KvNamespace ns, Key key) throws IOException {
        long started = ticker.read();
        try {
            return store.get(ns, key, now());
        } finally {
            quickReads.took(ticker.read() - started);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private KvError unreachable(String op, IOException e) {
        health.failed();
        log.warn("store {} failed: {}", op, e.getMessage());
        return KvError.storeUnreachable(op);
    }

    private static Map<String, KvNamespace> index(List<KvNamespace> list) {
        Map<String, KvNamespace> byId = new LinkedHashMap<>();
        for (KvNamespace ns : list) {
            byId.putIfAbsent(ns.namespaceId(), ns);
        }
        return byId;
    }

    /** Reloads that fail leave the cached answer in place until it is no longer fresh. */
    private abstract class StoreLoader<K, V> implements CacheLoader<K, V> {
        abstract V read(K key) throws IOException;

        @Override
        public V load(K key) throws IOException {
            try {
                V v = read(key);
                health.succeeded();
                return v;
            } catch (IOException e) {
                health.failed();
                log.warn("store read failed: {}", e.getMessage());
                throw e;
            }
        }

        @Override
        public CompletableFuture<V> asyncReload(K key, V oldValue, Executor cacheExecutor) {
            CompletableFuture<V> reloaded = new CompletableFuture<>();
            reloads.execute(() -> {
                try {
                    reloaded.complete(load(key));
                } catch (IOException e) {
                    // Caffeine logs a failed reload with its stack trace unless it was cancelled; during
                    // an outage every read of a hot key would. load() has counted and logged it once.
                    reloaded.completeExceptionally(new CancellationException("store unreachable"));
                } catch (RuntimeException e) {
                    reloaded.completeExceptionally(e);
                }
            });
            return reloaded;
        }
    }

    private final class ValueLoader extends StoreLoader<CacheKey, Cached> {
        @Override
        Cached read(CacheKey key) throws IOException {
            return timedGet(key.namespace(), key.key()).map(Cached::new).orElse(Cached.MISSING);
        }
    }

    private final class NamespaceLoader extends StoreLoader<Boolean, Map<String, KvNamespace>> {
        @Override
        Map<String, KvNamespace> read(Boolean unused) throws IOException {
            return index(store.namespaces());
        }
    }

    private record CacheKey(KvNamespace namespace, Key key) {}

    /** A cached answer: the entry, or null for "no such key" (negative caching). */
    private record Cached(Entry entry) {
        static final Cached MISSING = new Cached(null);

        int weight(CacheKey k) {
            long bytes = ENTRY_OVERHEAD_BYTES + k.key().size();
            if (entry != null) {
                bytes += entry.value().length;
                bytes += entry.metadataJson() == null
                        ? 0
                        : 2L * entry.metadataJson().length();
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }
}
