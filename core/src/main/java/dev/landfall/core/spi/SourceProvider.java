package dev.landfall.core.spi;

import java.io.IOException;

/**
 * Opens a kind of source from its URI: {@code cloudflare://ACCOUNT} (Workers KV and Durable
 * Objects), {@code wrangler:FILE.json}, and any later kind. Implementations are found with {@link
 * java.util.ServiceLoader} through {@code META-INF/services/dev.landfall.core.spi.SourceProvider};
 * each scheme is served by exactly one provider. Every store is a source too: {@link
 * SourceRegistry} opens store URIs through their {@link StoreProvider}. A scheme may be both a
 * source and a store only when one module serves both ({@code cloudflare}: {@code --from} reads
 * through the source provider, {@code --to} writes through the store provider).
 */
public interface SourceProvider {
    /** The URI scheme this provider serves, such as {@code cloudflare} or {@code wrangler}. */
    String scheme();

    /** One line for {@code --help}: the URI form and what the source is. */
    String usage();

    /**
     * Opens the source the URI names. Checks its inputs (URI, the options that apply to it, the
     * environment) before any I/O, and refuses options that do not apply to it rather than
     * ignoring them.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE for a malformed URI or option,
     *     REJECTED when the source refuses access
     */
    Source open(StoreUri uri, SourceEnv env) throws IOException;
}
