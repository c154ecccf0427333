package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.SandboxFlags;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.sandbox.SandboxLauncher;
import dev.landfall.sandbox.SandboxServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code landfall sandbox}: a local, stateful stand-in for the Cloudflare API parts Landfall uses. */
@Command(
        name = "sandbox",
        header = "Serve a local Cloudflare API stand-in with seeded data, rate limits and faults.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve a local, stateful stand-in for the Cloudflare API v4 on 127.0.0.1:",
            "Workers KV, Durable Object lists, Workers scripts and bindings, token",
            "verify; with Cloudflare's envelopes, error codes and rate limits, seeded",
            "data, and injected faults.",
            "",
            "On start it prints the environment to use on stdout:",
            "CLOUDFLARE_API_BASE_URL, CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID,",
            "and LANDFALL_EXPORT_WORKER_URL with LANDFALL_EXPORT_SECRET for its export",
            "Worker (the seeded Durable Objects, docs/export-worker-protocol.md).",
            "wrangler (with --remote), the cloudflare SDK and landfall all honour it.",
            "GET /__sandbox/stats counts requests by route, 429s and faults.",
            "Stop it with Ctrl-C. See docs/sandbox.md.",
            "",
            "With --capture it also keeps a change log of the KV writes captured",
            "Workers make (protocol 2 of the export Worker, for live migration);",
            "--writes N/s starts a built-in writer that makes such writes into the",
            "seeded namespaces. Writes through the REST API are not captured.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall sandbox --seed-kv SESSIONS=20000",
            "  landfall sandbox --port 8787 --seed-kv USERS=5000:1024 --seed-do Room=50x200",
            "  landfall sandbox --seed-kv SESSIONS=50000 --rate-limit 600/10s \\",
            "      --faults 429=0.05,500=0.02,reset=0.01 --random-seed 7 \\",
            "      --env-file sandbox.env",
            "  landfall sandbox --seed-kv SESSIONS=20000 --writes 200/s",
            "  set -a; . ./sandbox.env; set +a",
            "  curl -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\",
            "    $CLOUDFLARE_API_BASE_URL/user/tokens/verify"
        })
public final class SandboxCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    SandboxFlags flags;

    @Override
    public Integer call() throws InterruptedException {
        SandboxLauncher.Options options = SandboxLauncher.options(flags.flags());
        long started = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        SandboxServer server = SandboxLauncher.start(options, line -> {
            context.err().println(line);
            context.err().flush();
        });
        Thread hook = new Thread(
                () -> {
                    server.writer().ifPresent(w -> {
                        w.stop();
                        context.err().println("landfall sandbox: the writer made " + w.mix());
                        context.err().flush();
                    });
                    server.close();
                    stopped.countDown();
                },
                "landfall-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        context.out().print(SandboxLauncher.environmentLines(server));
        context.out().flush();
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        context.err()
                .println("landfall sandbox: serving " + server.baseUrl() + " (ready in " + ms
                        + " ms); stats at http://127.0.0.1:" + server.port() + "/__sandbox/stats; Ctrl-C to stop");
        SandboxLauncher.captureLine(server).ifPresent(context.err()::println);
        context.err().flush();
        stopped.await();
        return 0;
    }
}
