package dev.landfall.store.redis;

import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.time.Clock;

/** Opens {@code redis://…} as a {@link RedisStore}; {@link RedisTlsStoreProvider} serves {@code rediss://…}. */
public final class RedisStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "redis";
    }

    @Override
    public String usage() {
        return RedisStoreUri.FORM + "  Redis 7+ for the hot path: plain keys with native TTL, byte-ordered index";
    }

    @Override
    public Store open(StoreUri uri) {
        return RedisStore.open(RedisStoreUri.parse(uri), Clock.systemUTC());
    }

    /** As {@link #open}, but the store refuses writers and never repairs its index while reading. */
    @Override
    public Source openForReading(StoreUri uri) {
        return RedisStore.openForReading(RedisStoreUri.parse(uri), Clock.systemUTC());
    }
}
