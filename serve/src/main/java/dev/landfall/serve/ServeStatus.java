package dev.landfall.serve;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.landfall.core.status.LastError;
import dev.landfall.core.status.Status;
import dev.landfall.core.status.StatusSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** What {@code /statusz} and {@code /flagz} show for serve: the store's reachability, the cache, draining. */
final class ServeStatus implements StatusSource {
    private final KvService kv;
    private final Instant startedAt;
    private final Map<String, String> flags;
    private final BooleanSupplier draining;
    private final IntSupplier inFlight;

    ServeStatus(
            KvService kv,
            Instant startedAt,
            Map<String, String> flags,
            BooleanSupplier draining,
            IntSupplier inFlight) {
        this.inFlight = inFlight;
        this.kv = kv;
        this.startedAt = startedAt;
        this.flags = Map.copyOf(flags);
        this.draining = draining;
    }

    @Override
    public Status status() {
        StoreHealth health = kv.health();
        CacheStats stats = kv.cacheStats();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                "store reachable",
                health.unreachableSince()
                        .map(since -> "no, unreachable since " + since)
                        .orElse(health.reachedOnce() ? "yes" : "not reached yet"));
        fields.put("store errors", Long.toString(health.errors()));
        fields.put("cache bytes", Long.toString(kv.cachedBytes()));
        fields.put("cache hits", Long.toString(stats.hitCount()));
        fields.put("cache misses", Long.toString(stats.missCount()));
        fields.put("requests in flight", Integer.toString(inFlight.getAsInt()));
        fields.put("draining", draining.getAsBoolean() ? "yes" : "no");
        Status status = Status.serving("serve", startedAt, kv.describeStore()).withFields(fields);
        return health.unreachableSince()
                .map(since -> status.withLastError(new LastError("the store is unreachable", since)))
                .orElse(status);
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
