package dev.landfall.cloudflare.source;

import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceProvider;
import dev.landfall.core.spi.StoreUri;

/**
 * Opens {@code cloudflare://ACCOUNT_ID} ({@code cloudflare://} alone takes {@value
 * CloudflareAccess#ACCOUNT}) as a {@link CloudflareAccountSource}: the token and API base URL come
 * from the environment's wrangler variables, everything else from the source options.
 */
public final class CloudflareSourceProvider implements SourceProvider {
    @Override
    public String scheme() {
        return "cloudflare";
    }

    @Override
    public String usage() {
        return "cloudflare://ACCOUNT_ID  a Cloudflare account: Workers KV (--kv, --prefix, --via rest|worker)"
                + " and Durable Objects (--do, through --export-worker); cloudflare:// alone takes "
                + CloudflareAccess.ACCOUNT;
    }

    @Override
    public Source open(StoreUri uri, SourceEnv env) {
        // A Cloudflare URI holds no password, so the unmasked text is safe in messages.
        return CloudflareAccountSource.open(CloudflareAccess.resolve(uri.unmasked(), env.variables()), env);
    }
}
