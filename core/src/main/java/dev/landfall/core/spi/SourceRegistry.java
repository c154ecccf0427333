package dev.landfall.core.spi;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of source on the class path, by URI scheme: the {@link SourceProvider}s found through
 * {@code ServiceLoader} ({@code cloudflare}, {@code wrangler}, …) and every store, since each store
 * is a source too ({@link StoreRegistry}).
 */
public final class SourceRegistry {
    private static final ProvidersByScheme<SourceProvider> PROVIDERS =
            new ProvidersByScheme<>(SourceProvider.class, SourceProvider::scheme, SourceProvider::usage, "source");

    private SourceRegistry() {}

    /** The schemes of sources that are not stores, such as {@code cloudflare} and {@code wrangler}. */
    public static List<String> schemes() {
        return PROVIDERS.schemes();
    }

    /** One usage line per kind of source that is not a store, for help texts. */
    public static List<String> usages() {
        return PROVIDERS.usages();
    }

    /** Whether the scheme is a source (not a store). */
    public static boolean isSource(String scheme) {
        return PROVIDERS.get(scheme) != null;
    }

    /**
     * Opens the source a flag names: a source provider's, else a store's, opened for reading only.
     *
     * @param flag the option, for messages ({@code --from})
     * @throws LandfallException USAGE for an unknown scheme, an option that does not apply, or a
     *     store that does not exist
     */
    public static Source open(String flag, StoreUri uri, SourceEnv env) throws IOException {
        SourceProvider provider = PROVIDERS.get(uri.scheme());
        if (provider != null) {
            return provider.open(uri, env);
        }
        if (!StoreRegistry.schemes().contains(uri.scheme())) {
            List<String> known = new ArrayList<>(schemes());
            known.addAll(StoreRegistry.schemes());
            throw LandfallException.usage(
                    flag + " " + uri + ": no kind of source is called '" + uri.scheme() + "'",
                    "use one of: " + String.join(", ", known.stream().sorted().toList()));
        }
        env.options().refuseAccountOptions(flag + " " + uri);
        // Read only, so a typo creates nothing; and a store that is not there is an error, never
        // an empty source that would make a check pass ("Equal") or an import write nothing.
        Source store = StoreRegistry.openForReading(flag, uri, env);
        if (store instanceof EmptySource) {
            store.close();
            throw LandfallException.usage(
                    flag + " " + uri + ": there is nothing to read there (no such "
                            + (uri.scheme().equals("bundle")
                                    ? "bundle: no manifest.json"
                                    : "store, or none of Landfall's tables")
                            + ")",
                    "check the location; a bundle is the directory 'landfall export' wrote");
        }
        return store;
    }
}
