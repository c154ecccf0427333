package dev.landfall.core.store;

import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The test-only {@code memory:NAME} store: every open of the same name within a JVM sees the same
 * flushed data (a fresh {@link MemoryStore#reopen() handle} each time). Registered in the test
 * resources, so it is on the classpath of any module that uses core's test-jar.
 */
public final class MemoryStoreProvider implements StoreProvider {
    private static final ConcurrentMap<String, MemoryStore> STORES = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public String usage() {
        return "memory:NAME  an in-memory store for tests, shared by name within the JVM";
    }

    @Override
    public Store open(StoreUri uri) {
        return named(uri.rest()).reopen();
    }

    /** The store with that name, created empty on first use. */
    public static MemoryStore named(String name) {
        return STORES.computeIfAbsent(name, MemoryStore::new);
    }

    /** Forgets every named store. */
    public static void reset() {
        STORES.clear();
    }
}
