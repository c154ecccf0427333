package dev.landfall.store.redis;

import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.time.Clock;

/** Opens {@code rediss://…} as a {@link RedisStore} over TLS, verifying the server's host name. */
public final class RedisTlsStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "rediss";
    }

    @Override
    public String usage() {
        return "rediss://[USER[:PASSWORD]@]HOST[:PORT][/N][?prefix=P]  as redis://, over TLS";
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
