package dev.landfall.store.redis;

/**
 * Opens {@code rediss://…} as a {@link RedisStore} over TLS, verifying the server's host name: the
 * same store as {@link RedisStoreProvider}, whose URI parser reads TLS from the scheme.
 */
public final class RedisTlsStoreProvider extends RedisStoreProvider {
    public RedisTlsStoreProvider() {
        super("rediss", "rediss://[USER[:PASSWORD]@]HOST[:PORT][/N][?prefix=P]  as redis://, over TLS");
    }
}
