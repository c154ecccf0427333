package dev.landfall.core.spi;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.util.List;

/**
 * Every kind of store on the class path, by URI scheme, found through {@code ServiceLoader}: the
 * bundle in core, SQLite, PostgreSQL and Redis in the importers module, Workers KV in the exporters
 * module, and any added later.
 */
public final class StoreRegistry {
    private static final ProvidersByScheme<StoreProvider> PROVIDERS =
            new ProvidersByScheme<>(StoreProvider.class, StoreProvider::scheme, StoreProvider::usage, "store");

    private StoreRegistry() {}

    /** One usage line per kind of store, for help texts. */
    public static List<String> usages() {
        return PROVIDERS.usages();
    }

    /** The schemes served, such as {@code bundle}, {@code postgres}, {@code sqlite}. */
    public static List<String> schemes() {
        return PROVIDERS.schemes();
    }

    /**
     * Opens the store a flag names.
     *
     * @param flag the option, for messages ({@code --to})
     * @param uri the parsed location
     */
    public static Store open(String flag, StoreUri uri) throws IOException {
        return provider(flag, uri).open(uri);
    }

    /**
     * Opens the store a flag names for reading only: nothing is created or written, and a store
     * that does not exist yet reads as empty.
     */
    public static Source openForReading(String flag, StoreUri uri) throws IOException {
        return provider(flag, uri).openForReading(uri);
    }

    /**
     * Opens the store a flag names, with the environment a remote store needs (its token, the API
     * budget); stores that need none ignore it.
     */
    public static Store open(String flag, StoreUri uri, SourceEnv env) throws IOException {
        return provider(flag, uri).open(uri, env);
    }

    /** As {@link #openForReading(String, StoreUri)}, with the environment a remote store needs. */
    public static Source openForReading(String flag, StoreUri uri, SourceEnv env) throws IOException {
        return provider(flag, uri).openForReading(uri, env);
    }

    /** Opens the store a flag names for single-key reads and writes from many threads. */
    public static KvAccess openKvAccess(String flag, StoreUri uri) throws IOException {
        return provider(flag, uri).openKvAccess(uri);
    }

    /** Whether the store the URI names can hold its writes ({@link StoreProvider#holdsWrites()}), without opening it. */
    public static boolean holdsWrites(String flag, StoreUri uri) {
        return provider(flag, uri).holdsWrites();
    }

    private static StoreProvider provider(String flag, StoreUri uri) {
        StoreProvider provider = PROVIDERS.get(uri.scheme());
        if (provider == null) {
            throw LandfallException.usage(
                    flag + " " + uri + ": no kind of store is called '" + uri.scheme() + "'",
                    "use one of: "
                            + String.join(
                                    ", ",
                                    usages().stream()
                                            .map(u -> u.split("\\s+")[0])
                                            .toList()));
        }
        return provider;
    }
}
