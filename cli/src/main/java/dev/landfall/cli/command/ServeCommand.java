package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.time.DurationText;
import dev.landfall.serve.KvService;
import dev.landfall.serve.ListenAddress;
import dev.landfall.serve.MountedRoutes;
import dev.landfall.serve.ServeConfig;
import dev.landfall.serve.ServeFlags;
import dev.landfall.serve.ServeServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall serve}: a store's KV namespaces over HTTP with Workers KV semantics, hot in memory. */
@Command(
        name = "serve",
        header = "Serve a store's KV namespaces over HTTP with Workers KV semantics, hot in memory.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve the KV namespaces of a sqlite:, postgres:// or redis:// store as a",
            "long-running sidecar: Cloudflare's KV REST routes under /client/v4 (so",
            "existing tooling can point at it), with Cloudflare's limits and errors;",
            "hot data in memory (stale-while-revalidate, bounded in bytes); /statusz,",
            "/flagz, /metrics, /healthz and /readyz. Writes by other instances are",
            "seen within --fresh-for. Loopback only unless --listen says otherwise,",
            "and then only with a bearer token. SIGTERM drains and exits 0.",
            "See docs/serve.md.",
            ""
        },
        footer = {
            "",
            "Environment:",
            "  LANDFALL_SERVE_TOKEN  bearer token (never printed); --token-file wins",
            "",
            "Examples:",
            "  landfall serve --store sqlite:landfall.db",
            "  landfall serve --store postgres://app@db/app --listen 0.0.0.0:8787 \\",
            "      --token-file /run/secrets/serve-token --cache-bytes 256MiB --fresh-for 5s",
            "  curl http://127.0.0.1:8787/readyz"
        })
public final class ServeCommand extends LandfallCommand {
    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--store",
            required = true,
            paramLabel = "STORE",
            description = "The store to serve: sqlite:PATH, postgres://…, redis://… or rediss://…; a bundle:"
                    + " is imported into one first (docs/serve.md).")
    String store;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description = "Where to listen (default: " + ListenAddress.DEFAULT + "); port 0 picks a free one. Beyond"
                    + " loopback a token is required.")
    String listen;

    @Option(
            names = "--cache-bytes",
            paramLabel = "SIZE",
            description = "Memory for cached keys, values and metadata: bytes or KiB, MiB, GiB (default: 64MiB);"
                    + " 0 turns the cache off.")
    String cacheBytes;

    @Option(
            names = "--fresh-for",
            paramLabel = "DURATION",
            description = "The oldest a cached answer is served (default: 10s): the bound on seeing writes made by"
                    + " other instances, and how long cached values outlive a store outage.")
    String freshFor;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN' on every route but /healthz and /readyz, TOKEN"
                    + " being the first line of FILE (or LANDFALL_SERVE_TOKEN).")
    Path tokenFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeConfig config = new ServeFlags(
                        listen, cacheBytes, freshFor, tokenFile, context.env().get(ServeFlags.TOKEN_ENV))
                .config();
        StoreUri uri = ServeFlags.store(store);
        // Before the store is opened: a port in use must not leave a new, empty SQLite file behind.
        config.listen().checkBindable();
        KvAccess access = StoreRegistry.openKvAccess("--store", uri);
        Clock clock = Clock.systemUTC();
        KvService kv = new KvService(access, config.cache(), clock);
        ServeServer server;
        try {
            server = ServeServer.start(config, kv, MountedRoutes.of(kv), clock);
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
        CountDownLatch drained = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            context.err().println("landfall serve: draining requests in flight");
                            context.err().flush();
                            boolean clean = server.drain();
                            context.err()
                                    .println(
                                            clean
                                                    ? "landfall serve: stopped"
                                                    : "landfall serve: stopped with requests still in flight");
                            context.err().flush();
                            drained.countDown();
                            // A drained stop is a success: exit 0, not the 143 a JVM reports after SIGTERM.
                            Runtime.getRuntime().halt(0);
                        },
                        "landfall-serve-shutdown"));
        context.err()
                .println("landfall serve: serving " + access.describe() + " at " + server.url() + " (cache "
                        + config.cache().maxBytes() + " bytes, fresh for "
                        + DurationText.format(config.cache().freshFor())
                        + (config.token().isPresent() ? ", token required" : "") + "); "
                        + (kv.health().reachedOnce() ? "ready" : "the store is not reachable yet, /readyz says so")
                        + "; SIGTERM or Ctrl-C to stop");
        context.err().flush();
        drained.await();
        return 0;
    }
}
