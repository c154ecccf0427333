package dev.landfall.cloudflare.store;

import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.time.Clock;

/**
 * Opens {@code --to cloudflare://ACCOUNT_ID[?namespace=NAME][&create=true]} as a {@link
 * WorkersKvStore}: the token and API base URL from wrangler's variables in the environment, the
 * budget, concurrency and trace from its options ({@code --api-budget}). {@code --from
 * cloudflare://} is the {@link dev.landfall.cloudflare.source.CloudflareSourceProvider}'s: the same
 * module serves both.
 */
public final class CloudflareStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "cloudflare";
    }

    @Override
    public String usage() {
        return "cloudflare://ACCOUNT_ID[?namespace=NAME][&create=true]  Workers KV as a store, the way back: bulk"
                + " writes within --api-budget, each source namespace into the one with its id or title, or into NAME";
    }

    /**
     * Without an environment there is no token: fails naming {@value CloudflareAccess#TOKEN}, and so
     * does {@link #openForReading(StoreUri)}, which the default sends here.
     */
    @Override
    public Store open(StoreUri uri) {
        return open(uri, SourceEnv.local(Clock.systemUTC()));
    }

    @Override
    public Store open(StoreUri uri, SourceEnv env) {
        return newStore(uri, env, true);
    }

    /** Creates nothing: a namespace that does not exist reads as empty. */
    @Override
    public Source openForReading(StoreUri uri, SourceEnv env) {
        return newStore(uri, env, false);
    }

    private static WorkersKvStore newStore(StoreUri uri, SourceEnv env, boolean writable) {
        KvStoreTarget target = KvStoreTarget.parse(uri);
        // Checked here first, so the messages speak of --to and of the permission a write needs.
        if (env.variable(CloudflareAccess.TOKEN).isEmpty()) {
            throw LandfallException.usage(
                    "--to " + uri + ": " + CloudflareAccess.TOKEN + " is not set",
                    "create an API token with Account > Workers KV Storage > Edit (docs/stores.md) and export "
                            + CloudflareAccess.TOKEN);
        }
        if (target.account().replaceFirst("^cloudflare:(//)?", "").isBlank()
                && env.variable(CloudflareAccess.ACCOUNT).isEmpty()) {
            throw LandfallException.usage(
                    "--to " + uri + " names no account and " + CloudflareAccess.ACCOUNT + " is not set",
                    "write --to cloudflare://ACCOUNT_ID or export " + CloudflareAccess.ACCOUNT);
        }
        // A Cloudflare URI holds no password, so the unmasked text is safe in messages.
        var endpoint = CloudflareAccess.resolve(target.account(), env.variables());
        SourceOptions options = env.options();
        CloudflareClient client = new CloudflareClient(
                endpoint,
                CloudflareClientOptions.builder()
                        .budget(options.budget())
                        .concurrency(options.concurrency())
                        .trace(options.trace())
                        .clock(env.clock())
                        .build());
        return new WorkersKvStore(client, target, writable);
    }
}
