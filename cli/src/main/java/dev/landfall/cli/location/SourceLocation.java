package dev.landfall.cli.location;

import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.source.CloudflareAccountSource;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --from} names for commands that read local data: any store URI (a bundle, SQLite,
 * PostgreSQL, Redis) or {@code wrangler:FILE.json}, the JSON array {@code wrangler kv bulk put}
 * takes, whose one namespace {@code --kv} names.
 */
public final class SourceLocation {
    /** Durable Objects read at once from a Cloudflare source. */
    private static final int CONCURRENCY = 4;

    private SourceLocation() {}

    /**
     * Opens the source.
     *
     * @param text the {@code --from} value
     * @param kvNames the {@code --kv} values, which name a wrangler file's namespace
     */
    public static Source open(String text, List<String> kvNames, Clock clock) throws IOException {
        return open(text, kvNames, clock, null, null);
    }

    /**
     * As {@link #open(String, List, Clock)}, and {@code cloudflare://ACCOUNT} too when the
     * environment is given: the account's Workers KV through the REST API, within its budget.
     *
     * @param env the environment with wrangler's variables, or null where Cloudflare is no source
     * @param budget the API budget for a Cloudflare source
     */
    public static Source open(
            String text, List<String> kvNames, Clock clock, Map<String, String> env, RequestBudget budget)
            throws IOException {
        return open(text, kvNames, List.of(), null, clock, env, budget);
    }

    /**
     * As {@link #open(String, List, Clock, Map, RequestBudget)}, and with {@code --do} a Cloudflare
     * account's Durable Objects too, read through the export Worker ({@code --export-worker}, else
     * {@code LANDFALL_EXPORT_WORKER_URL}; secret from {@code LANDFALL_EXPORT_SECRET}).
     */
    public static Source open(
            String text,
            List<String> kvNames,
            List<String> doNames,
            String exportWorker,
            Clock clock,
            Map<String, String> env,
            RequestBudget budget)
            throws IOException {
        StoreUri uri = StoreUri.parse(text);
        if (uri.scheme().equals("cloudflare") && env != null) {
            SourceOptions options = new SourceOptions(
                    kvNames,
                    doNames,
                    "",
                    SourceOptions.Via.REST,
                    Optional.ofNullable(doNames.isEmpty() ? null : exportWorker),
                    CONCURRENCY,
                    budget == null ? RequestBudget.CLOUDFLARE_DEFAULT : budget,
                    line -> {});
            return CloudflareAccountSource.open(
                    CloudflareAccess.resolve(text, env), new SourceEnv(env, clock, options));
        }
        if (uri.scheme().equals("cloudflare")) {
            throw LandfallException.usage(
                    "--from " + uri + ": import reads local data (bundles, wrangler files, stores)",
                    "export the account first with 'landfall export --to bundle:DIR', then import bundle:DIR");
        }
        return SourceRegistry.open(
                "--from",
                uri,
                new SourceEnv(
                        env == null ? Map.of() : env, clock, SourceOptions.DEFAULTS.withScopes(kvNames, doNames)));
    }

    /**
     * The selection for a {@code --from}: a wrangler file's {@code --kv} names its namespace, and a
     * Cloudflare source reads only the {@code --kv} and {@code --do} namespaces already.
     */
    public static ScopeSelection selection(String from, List<String> kv, List<String> durableObjects) {
        boolean cloudflare = from.toLowerCase(java.util.Locale.ROOT).startsWith("cloudflare:");
        boolean sourceTakesKv = isWranglerFile(from) || cloudflare;
        return new ScopeSelection(sourceTakesKv ? List.of() : kv, cloudflare ? List.of() : durableObjects);
    }

    /** Whether {@code --kv} names the namespace of a wrangler file rather than selecting scopes. */
    public static boolean isWranglerFile(String text) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).startsWith("wrangler:");
    }
}
