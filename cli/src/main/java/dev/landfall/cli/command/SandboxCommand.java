package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.sandbox.SandboxLauncher;
import dev.landfall.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int port;

    @Option(
            names = "--seed-kv",
            paramLabel = "NAME=COUNT[:VALUE_BYTES]",
            description =
                    "Create KV namespace NAME with COUNT keys (repeatable). Values are about VALUE_BYTES long, mixed with hard cases: unicode and reserved-character keys, 512-byte keys, empty, binary and multi-MiB values, metadata, expirations.")
    List<String> seedKv = new ArrayList<>();

    @Option(
            names = "--seed-do",
            paramLabel = "CLASS=OBJECTSxKEYS",
            description =
                    "Create a Durable Object namespace for CLASS with OBJECTS objects of KEYS entries each (repeatable).")
    List<String> seedDo = new ArrayList<>();

    @Option(
            names = "--rate-limit",
            paramLabel = "REQUESTS/WINDOW",
            description =
                    "Per-token API budget, like Cloudflare's: never more than REQUESTS in any WINDOW; the request over it gets 429 with Retry-After and locks the token out for a whole WINDOW. Default 1200/5m (Cloudflare's). 'off' disables it.")
    String rateLimit;

    @Option(
            names = "--faults",
            paramLabel = "KIND=P,…",
            description =
                    "Inject faults with probability P per request: 429, 500, 502, 503, reset (connection dropped), slow (a long delay). Example: 429=0.05,500=0.02,reset=0.01,slow=0.01")
    String faults;

    @Option(
            names = "--latency",
            paramLabel = "DURATION",
            description = "Added to every answer, e.g. 2ms or 1s (default: none).")
    String latency;

    @Option(
            names = "--random-seed",
            paramLabel = "N",
            description = "Seed for seeded data, faults and the writer's mix; the same seed gives the same data, fault"
                    + " sequence and writes.")
    Long randomSeed;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "The bearer token the sandbox accepts (default: a fixed sandbox token).")
    String token;

    @Option(
            names = "--account-id",
            paramLabel = "ID",
            description = "The account id the sandbox serves (default: a fixed 32-hex id).")
    String accountId;

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description = "Also write the environment lines to FILE (owner-only) once the sandbox is ready.")
    Path envFile;

    @Option(
            names = "--external-do",
            paramLabel = "CLASS=IDS_FILE[:sqlite]",
            description = "List a Durable Object namespace for CLASS whose objects live elsewhere (a local workerd):"
                    + " its 64-hex object ids, one a line, from IDS_FILE (repeatable).")
    List<String> externalDo = new ArrayList<>();

    @Option(
            names = "--invalid-utf8",
            paramLabel = "replace|error",
            description =
                    "What bulk get with type text does with a value that is not UTF-8 (Cloudflare does not document it): replace decodes it as a WHATWG TextDecoder does (default), error answers 400.")
    String invalidUtf8;

    @Option(
            names = "--capture",
            description = "Capture KV writes of captured Workers into a change log, served under"
                    + " /export-worker/landfall/v2/changes/ (docs/export-worker-protocol.md §7).")
    boolean capture;

    @Option(
            names = "--capture-shards",
            paramLabel = "N",
            description = "Change-log shards, 1..256 (default: 8). Needs --capture.")
    Integer captureShards;

    @Option(
            names = "--capture-capacity",
            paramLabel = "N",
            description = "Pending changes a shard holds before it overflows, 1..10000000 (default: 100000)."
                    + " Needs --capture.")
    Integer captureCapacity;

    @Option(
            names = "--writes",
            paramLabel = "N/s",
            description = "Start a built-in writer that makes N captured writes a second (1..100000) into the"
                    + " seeded KV namespaces: new keys, overwrites, deletes and expiring keys. Implies --capture.")
    String writes;

    @Override
    public Integer call() throws InterruptedException {
        SandboxLauncher.Options options = SandboxLauncher.options(new SandboxLauncher.Flags(
                port,
                token,
                accountId,
                rateLimit,
                faults,
                latency,
                randomSeed,
                seedKv,
                seedDo,
                externalDo,
                envFile,
                invalidUtf8,
                capture,
                captureShards,
                captureCapacity,
                writes));
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
