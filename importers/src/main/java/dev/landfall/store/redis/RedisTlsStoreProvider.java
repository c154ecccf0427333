package dev.landfall.store.redis;

/**
 * Opens {@code rediss://…} as a {@link RedisStore} over TLS, verifying the server's host name and
 * certificate (against the JVM's trust store, or the CA of {@code cacert=}): the
 * same store as {@link RedisStoreProvider}, whose URI parser reads TLS from the scheme.
 */
public final class RedisTlsStoreProvider extends RedisStoreProvider {
    public RedisTlsStoreProvider() {
        super("rediss", RedisStoreUri.TLS_FORM + "  as redis://, over TLS; cacert=: the CA's PEM file");
    }
}
