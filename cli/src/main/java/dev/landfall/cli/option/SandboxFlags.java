package dev.landfall.cli.option;

import dev.landfall.sandbox.SandboxLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code landfall sandbox}, as given: {@link SandboxLauncher} checks and reads them,
 * so the command only declares them here and hands them over.
 */
public final class SandboxFlags {
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

    /** The flags for {@link SandboxLauncher#options}. */
    public SandboxLauncher.Flags flags() {
        return new SandboxLauncher.Flags(
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
                writes);
    }
}
