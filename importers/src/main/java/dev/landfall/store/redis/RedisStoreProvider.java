package dev.landfall.store.redis;

import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractStoreProvider;
import java.time.Clock;

/** Opens {@code redis://…} as a {@link RedisStore}; {@link RedisTlsStoreProvider} serves {@code rediss://…}. */
public class RedisStoreProvider extends AbstractStoreProvider {
    public RedisStoreProvider() {
        this(
                "redis",
                RedisStoreUri.FORM + "  Redis 7+ for the hot path: plain keys with native TTL, byte-ordered index");
    }

    /** For the other scheme of the same store; {@link RedisStoreUri#parse} tells them apart. */
    RedisStoreProvider(String scheme, String usage) {
        super(scheme, usage);
    }

    @Override
    public final Store open(StoreUri uri) {
        return RedisStore.open(RedisStoreUri.parse(uri), Clock.systemUTC());
    }

    /** A pooled client for serve, checked against the server as {@link #open} checks it. */
    @Override
    public final KvAccess openKvAccess(StoreUri uri) {
        return RedisKvAccess.open(RedisStoreUri.parse(uri));
    }

    /** As {@link #open}, but the store refuses writers and never repairs its index while reading. */
    @Override
    public final Source openForReading(StoreUri uri) {
        return RedisStore.openForReading(RedisStoreUri.parse(uri), Clock.systemUTC());
    }
}
