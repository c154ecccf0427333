package dev.landfall.core.spi;

import java.io.IOException;

/**
 * Opens a kind of store from its URI. Implementations are found with {@link
 * java.util.ServiceLoader} through {@code META-INF/services/dev.landfall.core.spi.StoreProvider};
 * each scheme is served by exactly one provider.
 */
public interface StoreProvider {
    /** The URI scheme this provider serves, such as {@code sqlite} or {@code bundle}. */
    String scheme();

    /** One line for {@code --help}: the URI form and what the store is for. */
    String usage();

    /**
     * Opens (creating if needed) the store the URI names.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE for a malformed URI, REJECTED when
     *     the store refuses access
     */
    Store open(StoreUri uri) throws IOException;

    /**
     * Opens the store for reading only, as {@code plan} and {@code verify} do: creates nothing
     * (no file, table, schema or key) and writes nothing; a store that does not exist yet reads
     * as empty. Stores whose {@link #open} creates something override this.
     */
    default Source openForReading(StoreUri uri) throws IOException {
        return open(uri);
    }

    /**
     * As {@link #open(StoreUri)}, for a store that needs more than its URI: a remote API's token
     * and budget (Workers KV as a store reads wrangler's variables and {@code --api-budget}). The
     * default ignores {@code env}.
     */
    default Store open(StoreUri uri, SourceEnv env) throws IOException {
        return open(uri);
    }

    /** As {@link #openForReading(StoreUri)}, with the environment; the default ignores it. */
    default Source openForReading(StoreUri uri, SourceEnv env) throws IOException {
        return openForReading(uri);
    }

    /**
     * Whether the stores this provider opens are {@link HoldingWrites}, known before one is opened:
     * an import then checks a bundle while it copies it, into the open store, instead of before
     * opening it.
     */
    default boolean holdsWrites() {
        return false;
    }

    /**
     * Opens the store for single-key reads and writes from many threads, as {@code landfall serve}
     * does; creates the store's schema if needed. Stores that cannot serve keep this default, which
     * refuses with USAGE.
     */
    default KvAccess openKvAccess(StoreUri uri) throws IOException {
        throw dev.landfall.core.error.LandfallException.usage(
                uri + ": a " + scheme() + " store cannot be served one key at a time",
                "serve a sqlite:, postgres://, redis:// or rediss:// store (import into one first)");
    }
}
