package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.text.RawControls;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad or hostile input an operator can type, one row each: the command, the exit code it
 * must end with, a phrase its message must contain, and proof that nothing was written — the
 * case's own directory stays empty and the shared fixtures are byte for byte as they were. At the
 * end every output and every file of the whole suite is scanned for secrets and for raw control
 * characters.
 *
 * <p>Placeholders in a row: {@code {f}} the fixture directory (read-only for the cases), {@code
 * {d}} the case's own empty directory, {@code {pg}}/{@code {redis}} the test servers' host:port,
 * {@code {html}} a server that answers every request with a proxy's HTML page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteIT {
    private static final String HOSTILE_TITLE = "evil\u001b]0;pwned\u0007\u001b[2J\u202Etitle\u0000";
    private static final String HOSTILE_SHOWN = "evil\\u001b]0;pwned\\u0007\\u001b[2J\\u202etitle\\u0000";
    private static final String WRONG_PASSWORD = "wrong-password-9f1c35a";
    private static final String SERVE_TOKEN = "serve-token-5e2d71b";
    private static final Path TRANSCRIPT = Path.of("target", "bad-input-suite.txt");

    @TempDir
    static Path root;

    private Path fixtures;
    private SandboxServer sandbox;
    private HttpServer htmlProxy;
    private Map<String, String> env;
    private Map<String, String> fixtureDigests;
    private final List<String> outputs = new ArrayList<>();
    private final List<Path> caseDirs = new ArrayList<>();

    /** One row of the table. */
    private record Case(String id, int exit, String phrase, List<String> args, Map<String, String> env) {
        Case withEnv(String name, String value) {
            Map<String, String> e = new HashMap<>(env);
            e.put(name, value);
            return new Case(id, exit, phrase, args, e);
        }
    }

    private static Case c(String id, int exit, String phrase, String args) {
        return new Case(id, exit, phrase, List.of(args.split(" +")), Map.of());
    }

    private static Case c(String id, int exit, String phrase, String... args) {
        return new Case(id, exit, phrase, List.of(args), Map.of());
    }

    @BeforeAll
    void fixtures() throws IOException {
        fixtures = Files.createDirectories(root.resolve("fixtures"));
        Files.createDirectories(TRANSCRIPT.getParent());
        Files.deleteIfExists(TRANSCRIPT);
        sandbox = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(new KvSeed("SESSIONS", 30, 64), new KvSeed(HOSTILE_TITLE, 5, 16)))
                .seedDo(List.of(new DoSeed("Room", 2, 3)))
                .build());
        htmlProxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        htmlProxy.createContext("/", exchange -> {
            byte[] page = "<html><head><title>Sign in</title></head><body>proxy</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        htmlProxy.start();
        env = new HashMap<>(sandbox.environment());

        write("kv.json", "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\",\"metadata\":{\"x\":1}}]");
        write("empty-key.json", "[{\"key\":\"\",\"value\":\"1\"}]");
        write("long-key.json", "[{\"key\":\"" + "k".repeat(600) + "\",\"value\":\"1\"}]");
        write(
                "big-metadata.json",
                "[{\"key\":\"m\",\"value\":\"1\",\"metadata\":{\"m\":\"" + "x".repeat(2048) + "\"}}]");
        write("dot-key.json", "[{\"key\":\".\",\"value\":\"1\"}]");
        write("dotdot-key.json", "[{\"key\":\"..\",\"value\":\"1\"}]");
        write("ttl-59.json", "[{\"key\":\"t\",\"value\":\"1\",\"expiration_ttl\":59}]");
        write("not-json.json", "key=value\n");
        write("object.json", "{\"key\":\"a\",\"value\":\"1\"}");
        write("no-key.json", "[{\"value\":\"1\"}]");
        write("no-value.json", "[{\"key\":\"a\"}]");
        write("truncated.json", "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\"");
        write("bad-base64.json", "[{\"key\":\"a\",\"value\":\"%%%\",\"base64\":true}]");
        write("hostile-key.json", "[{\"key\":\"\\u001b[2Jgone\",\"value\":\"1\"}]");
        write("events-bad.ndjson", "{\"ts\":1}\nnot json\n");
        write("requests.ndjson", "{\"method\":\"GET\",\"path\":\"/v1/a\"}\n");
        write("requests-bad.ndjson", "{\"method\":\"GET\",\"path\":\"/v1/a\"}\n{\"path\":\n");
        write("args-bad-mode.txt", "import\n--mode\nsideways\n");
        write("a-file", "not a directory\n");
        write("empty-token", "");

        String spec = run(Map.of(), "init").out();
        write("landfall.yaml", spec);
        write("spec-port0.yaml", spec.replace("port: 8080", "port: 0"));
        write("spec-port-text.yaml", spec.replace("port: 8080", "port: eighty"));
        write("spec-no-image.yaml", spec.replaceFirst("image: .*\n", ""));
        write("spec-cpu.yaml", spec.replace("cpu: 512", "cpu: 3"));
        write("spec-region.yaml", spec.replace("name: us-east-1", "name: moon-1"));
        write("spec-tasks.yaml", spec.replace("min: 2", "min: 20"));
        write("spec-lb.yaml", spec.replace("loadBalancer: nlb", "loadBalancer: magic"));
        write("spec-slo.yaml", spec.replace("slo: \"p99<=50ms", "slo: \"p99<=fast"));
        write("spec-steps.yaml", spec.replace("steps: [5, 25, 50, 100]", "steps: [50, 25, 100]"));
        write("spec-unknown-key.yaml", spec + "colour: blue\n");
        write("spec-not-yaml.yaml", "name: [unclosed\n");
        write("spec-empty.yaml", "");

        expectOk(run(
                Map.of(),
                "import",
                "--from",
                "wrangler:" + fixtures.resolve("kv.json"),
                "--kv",
                "FLAGS",
                "--to",
                "bundle:" + fixtures.resolve("bundle")));
        expectOk(run(
                Map.of(),
                "import",
                "--from",
                "wrangler:" + fixtures.resolve("kv.json"),
                "--kv",
                "FLAGS",
                "--to",
                "sqlite:" + fixtures.resolve("good.db")));
        // --kv names every namespace: KV only, by choice (the Room objects stay, exit 0).
        expectOk(run(
                env,
                "export",
                "--kv",
                "SESSIONS",
                "--kv",
                HOSTILE_TITLE,
                "--to",
                "bundle:" + fixtures.resolve("exported")));
        copyBundle("bundle", "truncated-manifest");
        Path manifest = fixtures.resolve("truncated-manifest/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).substring(0, 80));
        copyBundle("bundle", "flipped-part");
        try (Stream<Path> parts = Files.walk(fixtures.resolve("flipped-part/scopes"))) {
            Path part =
                    parts.filter(p -> p.toString().endsWith(".gz")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(part);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(part, bytes);
        }
        copyBundle("bundle", "tampered-fixed");
        tamperWithChecksumFixed(fixtures.resolve("tampered-fixed"));
        fixtureDigests = digests(fixtures);
    }

    @AfterAll
    void scanEverything() throws IOException {
        try {
            List<String> secrets = List.of(
                    env.get("CLOUDFLARE_API_TOKEN"),
                    env.get("LANDFALL_EXPORT_SECRET"),
                    "landfall-test", // the test servers' password, in LANDFALL_PG_URL and LANDFALL_REDIS_URL
                    WRONG_PASSWORD,
                    SERVE_TOKEN);
            for (int i = 0; i < outputs.size(); i++) {
                String text = outputs.get(i);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "output " + i + " shows a secret: " + text);
                }
                RawControls.assertNone("output " + i, text);
            }
            int scanned = 0;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(readMaybeGzip(file), StandardCharsets.UTF_8);
                    for (String secret : secrets) {
                        assertFalse(text.contains(secret), file + " holds a secret");
                    }
                    // The fixtures hold hostile input on purpose; a store's database is binary.
                    if (!file.startsWith(fixtures) && !isDatabase(file)) {
                        RawControls.assertNone(file.toString(), text);
                    }
                    scanned++;
                }
            }
            assertTrue(scanned > 50, "the scan read the files the suite wrote: " + scanned);
        } finally {
            sandbox.close();
            htmlProxy.stop(0);
        }
    }

    private List<Case> cases() {
        String f = "{f}";
        String bundle = "bundle:" + f + "/bundle";
        String kv = "wrangler:" + f + "/kv.json";
        String newDb = "sqlite:{d}/new.db";
        String serve = "serve --store sqlite:{d}/s.db";
        List<Case> cases = new ArrayList<>(List.of(
                // --- the command line itself
                c("unknown-command", 2, "Unmatched argument", "launch"),
                c(
                        "unknown-option",
                        2,
                        "Unknown option",
                        "import --from " + kv + " --kv FLAGS --to " + newDb + " --fast"),
                c("missing-at-file", 2, "@{d}/missing-args.txt: no such argument file", "@{d}/missing-args.txt"),
                c("at-file-bad-mode", 2, "--mode sideways is not a mode", "@" + f + "/args-bad-mode.txt"),
                c(
                        "mode-unknown",
                        2,
                        "use upsert (default), mirror or create-only",
                        "import --from " + kv + " --kv FLAGS --to " + newDb + " --mode wrongmode"),
                c(
                        "plan-format-unknown",
                        2,
                        "--format xml is not a format",
                        "plan --from " + kv + " --kv FLAGS --to " + newDb + " --format xml"),
                c(
                        "verify-format-unknown",
                        2,
                        "use text (default), md, json or html",
                        "verify data --from " + kv + " --kv FLAGS --to " + newDb + " --format pdf"),
                c("inventory-format-unknown", 2, "--format yaml is not a format", "inventory --format yaml"),
                c("via-unknown", 2, "--via carrier", "export --to bundle:{d}/b --via carrier"),
                c("batch-zero", 2, "--batch", "import --from " + kv + " --kv FLAGS --to " + newDb + " --batch 0"),
                c("batch-text", 2, "--batch", "import --from " + kv + " --kv FLAGS --to " + newDb + " --batch many"),
                c("batch-huge", 2, "--batch", "import --from " + kv + " --kv FLAGS --to " + newDb + " --batch 9999999"),
                c("api-budget-zero", 2, "--api-budget", "export --to bundle:{d}/b --api-budget 0"),
                c("api-budget-text", 2, "--api-budget", "export --to bundle:{d}/b --api-budget lots"),
                c("concurrency-zero", 2, "--concurrency", "export --to bundle:{d}/b --concurrency 0"),
                c("concurrency-huge", 2, "--concurrency", "export --to bundle:{d}/b --concurrency 100000"),
                c("export-format", 2, "Unknown option", "export --to bundle:{d}/b --format xyz"),
                // --- sources that are not there or not what they say
                c("bundle-missing-import", 2, "nothing to read", "import --from bundle:{d}/no-such-dir --to " + newDb),
                c(
                        "bundle-missing-verify",
                        2,
                        "nothing to read",
                        "verify data --from bundle:{d}/no-such-dir --to sqlite:" + f + "/good.db"),
                c(
                        "bundle-missing-plan",
                        2,
                        "nothing to read",
                        "plan --from bundle:{d}/no-such-dir --to " + newDb + " --detailed-exitcode"),
                c(
                        "bundle-missing-migrate",
                        2,
                        "nothing to read",
                        "migrate --from bundle:{d}/no-such-dir --to " + newDb + " --run-dir {d}/run"),
                c(
                        "bundle-is-a-file",
                        2,
                        "is a file, not a bundle directory",
                        "import --from bundle:" + f + "/a-file --to " + newDb),
                c("sqlite-source-missing", 2, "nothing to read", "import --from sqlite:{d}/typo.db --to " + newDb),
                c("source-no-scheme", 2, "has no scheme", "import --from kv.json --to " + newDb),
                c(
                        "source-unknown-scheme",
                        2,
                        "no kind of source is called 'ftp'",
                        "import --from ftp://host/x --to " + newDb),
                c("source-scheme-hint", 2, "cloudflare://ACCOUNT_ID", "plan --from nope --to " + newDb),
                c("import-from-cloudflare", 2, "import reads local data", "import --from cloudflare:// --to " + newDb),
                c(
                        "bundle-truncated-manifest",
                        1,
                        "breaks off",
                        "import --from bundle:" + f + "/truncated-manifest --to " + newDb),
                c(
                        "bundle-flipped-part",
                        1,
                        "nothing was written",
                        "import --from bundle:" + f + "/flipped-part --to " + newDb),
                c(
                        "bundle-flipped-part-batch",
                        1,
                        "nothing was written",
                        "import --batch 1 --from bundle:" + f + "/flipped-part --to " + newDb),
                c(
                        "bundle-flipped-part-migrate",
                        1,
                        "nothing was written",
                        "migrate --from bundle:" + f + "/flipped-part --to " + newDb + " --run-dir {d}/run"),
                c(
                        "bundle-tampered-checksum-fixed",
                        1,
                        "nothing was written",
                        "import --batch 1 --from bundle:" + f + "/tampered-fixed --to " + newDb),
                c(
                        "bundle-tampered-checksum-fixed-migrate",
                        1,
                        "does not match",
                        "migrate --batch 1 --from bundle:" + f + "/tampered-fixed --to " + newDb
                                + " --run-dir {d}/run"),
                c(
                        "bundle-flipped-part-verify",
                        1,
                        "part-00000",
                        "verify data --from bundle:" + f + "/flipped-part --to sqlite:" + f + "/good.db"),
                c("bundle-kv-unknown", 2, "NOPE", "import --from " + bundle + " --kv NOPE --to " + newDb),
                c("bundle-do-unknown", 2, "Nope", "import --from " + bundle + " --do Nope --to " + newDb),
                // --- wrangler bulk files, held to Workers KV's limits
                c(
                        "wrangler-missing",
                        2,
                        "no-such.json",
                        "import --from wrangler:{d}/no-such.json --kv F --to " + newDb),
                c("wrangler-no-kv", 2, "needs exactly one --kv NAMESPACE", "import --from " + kv + " --to " + newDb),
                c(
                        "wrangler-two-kv",
                        2,
                        "needs exactly one --kv NAMESPACE",
                        "import --from " + kv + " --kv A --kv B --to " + newDb),
                c(
                        "wrangler-not-json",
                        2,
                        "not-json.json",
                        "import --from wrangler:" + f + "/not-json.json --kv F --to " + newDb),
                c(
                        "wrangler-object",
                        2,
                        "object.json",
                        "import --from wrangler:" + f + "/object.json --kv F --to " + newDb),
                c("wrangler-no-key", 2, "key", "import --from wrangler:" + f + "/no-key.json --kv F --to " + newDb),
                c(
                        "wrangler-no-value",
                        2,
                        "value",
                        "import --from wrangler:" + f + "/no-value.json --kv F --to " + newDb),
                c(
                        "wrangler-truncated",
                        2,
                        "truncated.json",
                        "import --from wrangler:" + f + "/truncated.json --kv F --to " + newDb),
                c(
                        "wrangler-bad-base64",
                        2,
                        "base64",
                        "import --from wrangler:" + f + "/bad-base64.json --kv F --to " + newDb),
                c(
                        "wrangler-empty-key",
                        2,
                        "empty-key.json",
                        "import --from wrangler:" + f + "/empty-key.json --kv F --to " + newDb),
                c("wrangler-long-key", 2, "512", "import --from wrangler:" + f + "/long-key.json --kv F --to " + newDb),
                c(
                        "wrangler-big-metadata",
                        2,
                        "1024",
                        "import --from wrangler:" + f + "/big-metadata.json --kv F --to " + newDb),
                c(
                        "wrangler-dot-key",
                        2,
                        "dot-key.json",
                        "import --from wrangler:" + f + "/dot-key.json --kv F --to " + newDb),
                c(
                        "wrangler-dotdot-key",
                        2,
                        "dotdot-key.json",
                        "import --from wrangler:" + f + "/dotdot-key.json --kv F --to " + newDb),
                c("wrangler-ttl-59", 2, "60", "import --from wrangler:" + f + "/ttl-59.json --kv F --to " + newDb),
                c(
                        "wrangler-long-key-plan",
                        2,
                        "512",
                        "plan --from wrangler:" + f + "/long-key.json --kv F --to " + newDb),
                c(
                        "wrangler-long-key-bundle",
                        2,
                        "512",
                        "import --from wrangler:" + f + "/long-key.json --kv F --to bundle:{d}/b"),
                c(
                        "wrangler-long-key-migrate",
                        2,
                        "512",
                        "migrate --from wrangler:" + f + "/long-key.json --kv F --to " + newDb + " --run-dir {d}/run"),
                // --- stores
                c("store-no-scheme", 2, "has no scheme", "import --from " + kv + " --kv F --to landfall.db"),
                c(
                        "store-unknown-scheme",
                        2,
                        "no kind of store is called 'mysql'",
                        "import --from " + kv + " --kv F --to mysql://h/db"),
                c(
                        "store-clickhouse-for-entries",
                        2,
                        "ClickHouse takes events",
                        "import --from " + kv + " --kv F --to clickhouse://127.0.0.1:1/db"),
                c(
                        "store-bundle-is-a-file",
                        2,
                        "is a file, not a directory",
                        "import --from " + kv + " --kv F --to bundle:" + f + "/a-file"),
                c("sqlite-is-a-directory", 2, "sqlite", "import --from " + kv + " --kv F --to sqlite:{d}"),
                c(
                        "postgres-port-zero",
                        2,
                        "not a number from 1 to 65535",
                        "import --from " + kv + " --kv F --to postgres://app@127.0.0.1:0/db"),
                c("postgres-port-text", 2, "port 'x'", "import --from " + kv + " --kv F --to postgres://app@h:x/db"),
                c("postgres-no-user", 2, "postgres", "import --from " + kv + " --kv F --to postgres://127.0.0.1/db"),
                c(
                        "postgres-bad-schema",
                        2,
                        "schema",
                        "import --from " + kv + " --kv F --to postgres://app@h/db?schema=a-b"),
                c(
                        "postgres-writers-zero",
                        2,
                        "writers '0' is not a number from 1 to 16",
                        "import --from " + kv + " --kv F --to postgres://app@h/db?writers=0"),
                c(
                        "postgres-bad-sslmode",
                        2,
                        "sslmode",
                        "import --from " + kv + " --kv F --to postgres://app@h/db?sslmode=always"),
                c(
                        "postgres-unreachable-import",
                        1,
                        "is the server running at 127.0.0.1:1?",
                        "import --from " + kv + " --kv F --to postgres://app:" + WRONG_PASSWORD + "@127.0.0.1:1/db"),
                c(
                        "postgres-unreachable-plan",
                        1,
                        "is the server running at 127.0.0.1:1?",
                        "plan --from " + kv + " --kv F --to postgres://app@127.0.0.1:1/db"),
                c(
                        "postgres-wrong-password",
                        2,
                        "refused the password",
                        "import --from " + kv + " --kv F --to postgres://landfall:" + WRONG_PASSWORD
                                + "@{pg}/landfall"),
                c(
                        "postgres-missing-database",
                        2,
                        "does not exist",
                        "import --from " + kv + " --kv F --to postgres://landfall:landfall-test@{pg}/no_such_db_q"),
                c(
                        "redis-port-zero",
                        2,
                        "not a number from 1 to 65535",
                        "import --from " + kv + " --kv F --to redis://127.0.0.1:0/0"),
                c("redis-port-text", 2, "port 'abc'", "import --from " + kv + " --kv F --to redis://h:abc/0"),
                c("redis-bad-database", 2, "redis", "import --from " + kv + " --kv F --to redis://127.0.0.1/db"),
                c(
                        "redis-writers-text",
                        2,
                        "writers 'many' is not a number from 1 to 16",
                        "import --from " + kv + " --kv F --to redis://127.0.0.1/0?writers=many"),
                c(
                        "redis-bad-prefix",
                        2,
                        "prefix",
                        "import --from " + kv + " --kv F --to redis://127.0.0.1/0?prefix=a*b"),
                c(
                        "rediss-cacert-missing",
                        2,
                        "no-ca.pem",
                        "import --from " + kv + " --kv F --to rediss://127.0.0.1:1/0?cacert={d}/no-ca.pem"),
                c(
                        "rediss-cacert-not-pem",
                        2,
                        "a-file",
                        "import --from " + kv + " --kv F --to rediss://127.0.0.1:1/0?cacert=" + f + "/a-file"),
                c(
                        "redis-cacert-without-tls",
                        2,
                        "cacert",
                        "import --from " + kv + " --kv F --to redis://127.0.0.1:1/0?cacert=" + f + "/a-file"),
                c(
                        "plan-accept-unencodable",
                        2,
                        "Unknown option",
                        "plan --from " + kv + " --kv F --to " + newDb + " --accept-unencodable"),
                c(
                        "redis-unreachable-import",
                        1,
                        "is the server running at 127.0.0.1:1?",
                        "import --from " + kv + " --kv F --to redis://127.0.0.1:1/0"),
                c(
                        "redis-wrong-password",
                        2,
                        "password",
                        "import --from " + kv + " --kv F --to redis://landfall:" + WRONG_PASSWORD + "@{redis}/0"),
                c(
                        "import-mode-events",
                        2,
                        "--mode",
                        "import --from events:" + f + "/events-bad.ndjson --to "
                                + "clickhouse://127.0.0.1:1/db --table t --mode mirror"),
                c(
                        "events-missing-table",
                        2,
                        "--table",
                        "import --from events:" + f + "/events-bad.ndjson --to clickhouse://127.0.0.1:1/db"),
                c(
                        "events-with-kv",
                        2,
                        "--kv and --do select scopes",
                        "import --from events:" + f + "/events-bad.ndjson --kv F --to clickhouse://127.0.0.1:1/db"
                                + " --table t"),
                // --- the Cloudflare account and the API
                c("export-no-to", 2, "--to", "export"),
                c("export-to-store", 2, "bundle", "export --to sqlite:{d}/x.db"),
                c("export-into-export", 2, "already holds an export", "export --to bundle:" + f + "/exported"),
                c("export-kv-unknown", 2, "NOPE", "export --to bundle:{d}/b --kv NOPE"),
                c("export-do-unknown", 2, "Nope", "export --to bundle:{d}/b --do Nope"),
                c("export-worker-secret-short", 2, "LANDFALL_EXPORT_SECRET", "export --to bundle:{d}/b --do Room")
                        .withEnv("LANDFALL_EXPORT_SECRET", "short"),
                c(
                        "export-worker-not-http",
                        2,
                        "--export-worker",
                        "export --to bundle:{d}/b --via worker" + " --export-worker ftp://x"),
                c(
                        "export-worker-refused",
                        1,
                        "nothing is listening at http://127.0.0.1:1",
                        "export --to bundle:{d}/b --via worker --export-worker http://127.0.0.1:1/w"),
                c("api-refused", 1, "nothing is listening at http://127.0.0.1:1", "export --to bundle:{d}/b")
                        .withEnv("CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:1/client/v4"),
                c("api-html", 1, "got text/html", "export --to bundle:{d}/b")
                        .withEnv("CLOUDFLARE_API_BASE_URL", "{html}/client/v4"),
                c("api-html-inventory", 1, "got text/html", "inventory")
                        .withEnv("CLOUDFLARE_API_BASE_URL", "{html}/client/v4"),
                c("wrong-token", 2, "token rejected", "export --to bundle:{d}/b")
                        .withEnv("CLOUDFLARE_API_TOKEN", "not-the-token-" + WRONG_PASSWORD),
                c(
                        "wrong-account-export",
                        2,
                        "account id is wrong",
                        "export --from cloudflare://0123456789abcdef0123456789abcdef --to bundle:{d}/b"),
                c(
                        "wrong-account-inventory",
                        2,
                        "GET /client/v4/accounts",
                        "inventory --from cloudflare://0123456789abcdef0123456789abcdef"),
                c(
                        "wrong-account-plan",
                        2,
                        "account id is wrong",
                        "plan --from cloudflare://0123456789abcdef0123456789abcdef --to " + newDb),
                c("account-malformed", 2, "account", "export --from cloudflare://not-an-id! --to bundle:{d}/b"),
                c("no-token", 2, "CLOUDFLARE_API_TOKEN", "export --to bundle:{d}/b")
                        .withEnv("CLOUDFLARE_API_TOKEN", ""),
                c("no-account", 2, "CLOUDFLARE_ACCOUNT_ID", "export --to bundle:{d}/b")
                        .withEnv("CLOUDFLARE_ACCOUNT_ID", ""),
                c("plan-account-hostile", 0, HOSTILE_SHOWN, "plan --from cloudflare:// --to " + newDb),
                c("inventory-hostile", 0, HOSTILE_SHOWN, "inventory --count-keys"),
                c("via-for-store", 2, "--via", "import --from " + bundle + " --via worker --to " + newDb),
                c("prefix-for-bundle", 2, "--prefix", "import --from " + bundle + " --prefix a --to " + newDb),
                c(
                        "hostile-key-import",
                        0,
                        "\\u001b[2Jgone",
                        "plan --from wrangler:" + f + "/hostile-key.json --kv F --to " + newDb + " --show 5"),
                // --- verify latency and cutover
                c("latency-no-endpoints", 2, "--baseline", "verify latency"),
                c(
                        "latency-bad-url",
                        2,
                        "--baseline",
                        "verify latency --baseline not-a-url --candidate http://127.0.0.1:1" + " --requests " + f
                                + "/requests.ndjson"),
                c(
                        "latency-rate-unit",
                        2,
                        "--rate 5/q is not a rate",
                        "verify latency --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --rate 5/q"),
                c(
                        "latency-rate-zero",
                        2,
                        "--rate",
                        "verify latency --baseline http://127.0.0.1:1 --candidate"
                                + " http://127.0.0.1:2 --rate 0 --requests " + f + "/requests.ndjson"),
                c(
                        "latency-slo-unit",
                        2,
                        "p99 needs a number with a time unit",
                        "verify latency --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --slo p99<=fast"),
                c(
                        "latency-slo-metric",
                        2,
                        "unknown metric 'p42'",
                        "verify latency --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --slo p42<=1ms"),
                c(
                        "latency-ignore-bad",
                        2,
                        "write a JSONPath such as $.requestId",
                        "verify latency --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --ignore nonsense["),
                c(
                        "latency-slo-empty-term",
                        2,
                        "empty term",
                        "verify latency --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --slo p99<=1ms,,"),
                c(
                        "latency-duration",
                        2,
                        "--duration",
                        "verify latency --baseline http://127.0.0.1:1 --candidate"
                                + " http://127.0.0.1:2 --duration soon --requests " + f + "/requests.ndjson"),
                c(
                        "latency-connections",
                        2,
                        "--connections",
                        "verify latency --baseline http://127.0.0.1:1"
                                + " --candidate http://127.0.0.1:2 --connections 0 --requests " + f
                                + "/requests.ndjson"),
                c(
                        "latency-no-corpus",
                        2,
                        "--requests",
                        "verify latency --baseline http://127.0.0.1:1 --candidate" + " http://127.0.0.1:2"),
                c(
                        "latency-corpus-missing",
                        2,
                        "no-such.ndjson",
                        "verify latency --baseline http://127.0.0.1:1"
                                + " --candidate http://127.0.0.1:2 --requests {d}/no-such.ndjson"),
                c(
                        "latency-corpus-bad-line",
                        2,
                        "requests-bad.ndjson",
                        "verify latency --baseline http://127.0.0.1:1" + " --candidate http://127.0.0.1:2 --requests "
                                + f + "/requests-bad.ndjson"),
                c(
                        "latency-template-bad",
                        2,
                        "--template",
                        "verify latency --baseline http://127.0.0.1:1 --candidate"
                                + " http://127.0.0.1:2 --requests-from " + bundle + " --template nonsense"),
                c(
                        "latency-samples-bad",
                        2,
                        "--samples",
                        "verify latency --baseline http://127.0.0.1:1 --candidate" + " http://127.0.0.1:2 --requests "
                                + f + "/requests.ndjson --samples redis://x/0"),
                c("cutover-no-spec", 2, "landfall.yaml", "cutover --spec {d}/landfall.yaml"),
                c("cutover-bad-steps", 2, "--steps", "cutover --spec " + f + "/landfall.yaml --steps 50,25"),
                c("cutover-spec-steps", 2, "steps", "cutover --spec " + f + "/spec-steps.yaml --dry-run"),
                c(
                        "cutover-spec-slo",
                        2,
                        "p99 needs a number with a time unit",
                        "cutover --spec " + f + "/spec-slo.yaml --dry-run"),
                c("cutover-lag-alone", 2, "--max-follow-lag needs --follow-status", "cutover --max-follow-lag 5s"),
                c(
                        "cutover-follow-no-bound",
                        2,
                        "needs a bound",
                        "cutover --spec " + f + "/landfall.yaml --follow-status http://127.0.0.1:9464"),
                // --- the service spec and infrastructure
                c("infra-no-out", 2, "--out", "infra generate --spec " + f + "/landfall.yaml"),
                c(
                        "infra-format",
                        2,
                        "--format xyz is not a template format",
                        "infra generate --spec " + f + "/landfall.yaml --out {d}/o --format xyz"),
                c("infra-spec-missing", 2, "no-such.yaml", "infra generate --spec {d}/no-such.yaml --out {d}/o"),
                c(
                        "infra-port-zero",
                        2,
                        "must be a whole number from 1 to 65535",
                        "infra generate --spec " + f + "/spec-port0.yaml --out {d}/o"),
                c(
                        "infra-port-text",
                        2,
                        "write a whole number from 1 to 65535, without quotes or a unit",
                        "infra generate --spec " + f + "/spec-port-text.yaml --out {d}/o"),
                c("infra-no-image", 2, "image", "infra generate --spec " + f + "/spec-no-image.yaml --out {d}/o"),
                c("infra-cpu", 2, "cpu", "infra generate --spec " + f + "/spec-cpu.yaml --out {d}/o"),
                c("infra-region", 2, "moon-1", "infra generate --spec " + f + "/spec-region.yaml --out {d}/o"),
                c("infra-tasks", 2, "min", "infra generate --spec " + f + "/spec-tasks.yaml --out {d}/o"),
                c("infra-lb", 2, "magic", "infra generate --spec " + f + "/spec-lb.yaml --out {d}/o"),
                c(
                        "infra-unknown-key",
                        2,
                        "colour",
                        "infra generate --spec " + f + "/spec-unknown-key.yaml --out {d}/o"),
                c(
                        "infra-not-yaml",
                        2,
                        "spec-not-yaml.yaml",
                        "infra generate --spec " + f + "/spec-not-yaml.yaml --out {d}/o"),
                c("infra-empty", 2, "spec-empty.yaml", "infra generate --spec " + f + "/spec-empty.yaml --out {d}/o"),
                c("infra-validate-bad", 2, "must be a whole number", "infra validate --spec " + f + "/spec-port0.yaml"),
                c(
                        "infra-out-is-file",
                        2,
                        "a-file",
                        "infra generate --spec " + f + "/landfall.yaml --out " + f + "/a-file"),
                c("init-exists", 2, "--force", "init --out " + f + "/landfall.yaml"),
                c("scaffold-bad-name", 2, "--name", "export-worker scaffold --out {d}/w --name Bad_Name!"),
                // --- the sandbox and the demo
                c("sandbox-port", 2, "--port 70000 is out of range", "sandbox --port 70000"),
                c("sandbox-faults", 2, "is not KIND=P", "sandbox --faults xyz"),
                c("sandbox-seed", 2, "--seed-kv", "sandbox --seed-kv SESSIONS=many"),
                c("sandbox-utf8-mode", 2, "--invalid-utf8", "sandbox --invalid-utf8 sometimes"),
                c("migrate-resume-nothing", 2, "{d}/nothing", "migrate --resume {d}/nothing"),
                // --- landfall serve: every flag refused before a port is bound or the store opened
                // (each would otherwise create {d}/s.db, which the case's empty directory disproves)
                c("serve-no-store", 2, "--store", "serve"),
                c("serve-listen-no-port", 2, "--listen nowhere names no port", serve + " --listen nowhere"),
                c("serve-listen-port-range", 2, "--listen 127.0.0.1:70000", serve + " --listen 127.0.0.1:70000"),
                c("serve-listen-unresolvable", 2, "does not resolve", serve + " --listen nosuchhost.invalid:8787"),
                c(
                                "serve-listen-beyond-loopback",
                                2,
                                "--listen 0.0.0.0:0 is beyond loopback and no token is set",
                                serve + " --listen 0.0.0.0:0")
                        .withEnv("LANDFALL_SERVE_TOKEN", ""),
                c("serve-listen-in-use", 2, "cannot be listened on", serve + " --listen 127.0.0.1:" + sandbox.port()),
                c("serve-listen-bad-token-kept", 2, "--listen 0.0.0.0:99999", serve + " --listen 0.0.0.0:99999")
                        .withEnv("LANDFALL_SERVE_TOKEN", SERVE_TOKEN),
                c("serve-cache-bytes-text", 2, "--cache-bytes lots is not a size", serve + " --cache-bytes lots"),
                c("serve-cache-bytes-unit", 2, "--cache-bytes 64MB is not a size", serve + " --cache-bytes 64MB"),
                c("serve-cache-bytes-huge", 2, "is too large", serve + " --cache-bytes 99999999999999GiB"),
                c("serve-fresh-for-text", 2, "--fresh-for soon", serve + " --fresh-for soon"),
                c("serve-fresh-for-zero", 2, "--fresh-for 0s must be above 0", serve + " --fresh-for 0s"),
                c(
                        "serve-token-file-missing",
                        2,
                        "--token-file {d}/token does not exist",
                        serve + " --token-file {d}/token"),
                c("serve-token-file-empty", 2, "is empty", serve + " --token-file " + f + "/empty-token"),
                c("serve-token-file-directory", 2, "is a directory", serve + " --token-file " + f),
                c(
                        "serve-store-clickhouse",
                        2,
                        "is an events store, not a key-value store",
                        "serve --store clickhouse://landfall:" + WRONG_PASSWORD + "@{pg}/db"),
                c("serve-store-bundle", 2, "is a bundle (exported files)", "serve --store bundle:{d}/b"),
                c("serve-store-cloudflare", 2, "is Workers KV itself", "serve --store cloudflare://"),
                c("serve-store-no-scheme", 2, "--store '{d}/kv.db' has no scheme", "serve --store {d}/kv.db"),
                // --- Workers KV as a store (the way back): refused before any write
                c(
                        "kv-store-unknown-parameter",
                        2,
                        "--to cloudflare://",
                        "import --from " + bundle + " --to cloudflare://?title=X"),
                c(
                        "kv-store-create-maybe",
                        2,
                        "create=maybe",
                        "import --from " + bundle + " --to cloudflare://?namespace=X&create=maybe"),
                c(
                        "kv-store-empty-namespace",
                        2,
                        "empty namespace",
                        "import --from " + bundle + " --to cloudflare://?namespace="),
                c("kv-store-no-token", 2, "CLOUDFLARE_API_TOKEN", "import --from " + bundle + " --to cloudflare://")
                        .withEnv("CLOUDFLARE_API_TOKEN", ""),
                c(
                        "final-flag-without-final",
                        2,
                        "--edge-propagation applies to --final",
                        "migrate --from " + bundle + " --to sqlite:{d}/m.db --edge-propagation 1s"),
                // --- live migration: flags checked before any I/O, capture before anything is written
                c(
                        "follow-window-short",
                        2,
                        "shorter than 1s",
                        "migrate --from cloudflare:// --via worker --follow --to sqlite:{d}/live.db --run-dir {d}/run --consistency-window 0s"),
                c(
                        "follow-window-text",
                        2,
                        "--consistency-window soon",
                        "migrate --from cloudflare:// --via worker --follow --to sqlite:{d}/live.db --run-dir {d}/run --consistency-window soon"),
                c(
                        "follow-status-addr",
                        2,
                        "--status-addr",
                        "migrate --from cloudflare:// --via worker --follow --to sqlite:{d}/live.db --run-dir {d}/run --consistency-window 1s --status-addr nowhere"),
                c(
                        "follow-no-capture",
                        2,
                        "has no change log",
                        "migrate --from cloudflare:// --via worker --follow --to sqlite:{d}/live.db --run-dir {d}/run --consistency-window 1s"),
                c(
                        "follow-over-rest",
                        2,
                        "add --via worker",
                        "migrate --from cloudflare:// --follow --to sqlite:{d}/live.db --run-dir {d}/run"),
                c("follow-drain-alone", 2, "--drain applies to --follow", "migrate --from " + kv + " --kv F --drain"),
                c(
                        "final-worker-alone",
                        2,
                        "--cutover-worker applies to --final",
                        "migrate --from " + kv + " --kv F --cutover-worker http://127.0.0.1:1"),
                c(
                        "final-new-run",
                        2,
                        "--final switches the writes of a --follow run",
                        "migrate --from " + kv + " --kv F --to sqlite:{d}/x.db --run-dir {d}/run --final"),
                c("sandbox-writes", 2, "--writes", "sandbox --seed-kv S=5 --writes many"),
                c("sandbox-shards-alone", 2, "needs capture on", "sandbox --capture-shards 4"),
                c("demo-live-writes", 2, "--writes 0 is out of range", "demo --live --dir {d}/demo --writes 0"),
                c("scaffold-capture-account", 2, "--account", "export-worker scaffold --out {d}/w --capture"),
                c(
                        "migrate-run-dir-file",
                        2,
                        "a-file",
                        "migrate --from " + kv + " --kv F --to " + newDb + " --run-dir " + f + "/a-file")));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedAndWritesNothing() {
        List<Case> all = cases();
        assertTrue(all.size() >= 100, "the table holds " + all.size() + " cases");
        assertEquals(all.size(), all.stream().map(Case::id).distinct().count(), "case ids are unique");
        return all.stream().map(k -> DynamicTest.dynamicTest(k.id(), () -> check(k)));
    }

    /**
     * The paths that succeed write reports, bundles, run directories, stores and generated files,
     * all from an account whose namespace title is hostile: the scan at the end reads every one.
     */
    @TestFactory
    Stream<DynamicTest> theHappyPathsWriteFilesTheScanReads() throws IOException {
        Path h = Files.createDirectories(root.resolve("happy"));
        String f = fixtures.toString();
        List<List<String>> runs = List.of(
                List.of("export", "--kv", "SESSIONS", "--kv", HOSTILE_TITLE, "--to", "bundle:" + h.resolve("export")),
                List.of("export", "--do", "Room", "--to", "bundle:" + h.resolve("do-export")),
                List.of(
                        "migrate",
                        "--from",
                        "cloudflare://",
                        "--kv",
                        "SESSIONS",
                        "--kv",
                        HOSTILE_TITLE,
                        "--to",
                        "sqlite:" + h.resolve("m.db"),
                        "--run-dir",
                        h.resolve("run").toString(),
                        "--keep-bundle",
                        h.resolve("kept").toString()),
                List.of("import", "--from", "sqlite:" + h.resolve("m.db"), "--to", "bundle:" + h.resolve("dump")),
                List.of("import", "--from", "bundle:" + h.resolve("export"), "--to", "sqlite:" + h.resolve("i.db")),
                List.of(
                        "plan",
                        "--from",
                        "bundle:" + h.resolve("export"),
                        "--to",
                        "sqlite:" + h.resolve("p.db"),
                        "--format",
                        "html",
                        "--out",
                        h.resolve("plan.html").toString()),
                List.of(
                        "plan",
                        "--from",
                        "cloudflare://",
                        "--to",
                        "sqlite:" + h.resolve("i.db"),
                        "--format",
                        "md",
                        "--out",
                        h.resolve("plan.md").toString()),
                List.of(
                        "verify",
                        "data",
                        "--from",
                        "bundle:" + h.resolve("export"),
                        "--to",
                        "sqlite:" + h.resolve("i.db"),
                        "--format",
                        "json",
                        "--out",
                        h.resolve("verify.json").toString()),
                List.of(
                        "inventory",
                        "--format",
                        "html",
                        "--out",
                        h.resolve("inventory.html").toString()),
                List.of(
                        "inventory",
                        "--format",
                        "md",
                        "--out",
                        h.resolve("inventory.md").toString()),
                List.of(
                        "infra",
                        "generate",
                        "--spec",
                        f + "/landfall.yaml",
                        "--out",
                        h.resolve("infra").toString(),
                        "--format",
                        "cloudformation,terraform,compose"),
                List.of(
                        "export-worker",
                        "scaffold",
                        "--do-class",
                        "Room",
                        "--do-binding",
                        "ROOM",
                        "--kv-binding",
                        "SESSIONS",
                        "--out",
                        h.resolve("worker").toString()),
                List.of("init", "--out", h.resolve("landfall.yaml").toString()));
        return runs.stream()
                .map(args -> DynamicTest.dynamicTest(String.join(" ", args.subList(0, 2)), () -> {
                    CliRun r = run(env, args.toArray(String[]::new));
                    outputs.add(r.out() + r.err());
                    assertEquals(0, r.exitCode(), args + "\n" + r.out() + r.err());
                }));
    }

    private void check(Case k) throws IOException {
        Path d = Files.createDirectories(root.resolve("cases").resolve(k.id()));
        caseDirs.add(d);
        String[] args = k.args().stream().map(a -> expand(a, d)).toArray(String[]::new);
        Map<String, String> caseEnv = new HashMap<>(env);
        k.env().forEach((name, value) -> caseEnv.put(name, expand(value, d)));
        CliRun r = run(caseEnv, args);
        String all = r.out() + r.err();
        outputs.add(all);
        String phrase = expand(k.phrase(), d);
        String shown = k.id() + " " + String.join(" ", args) + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
        // Every answer, for a person to read through: target/bad-input-suite.txt.
        Files.writeString(
                TRANSCRIPT,
                "=== " + k.id() + " (exit " + r.exitCode() + ")\n$ landfall " + String.join(" ", k.args()) + "\n"
                        + r.out() + r.err() + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertEquals(k.exit(), r.exitCode(), shown);
        assertTrue(all.contains(phrase), "'" + phrase + "' missing: " + shown);
        assertFalse(all.contains("Exception"), "a Java exception name reaches the operator: " + shown);
        assertFalse(all.contains("\tat "), "a stack trace: " + shown);
        try (Stream<Path> written = Files.list(d)) {
            assertEquals(List.of(), written.toList(), "nothing is written: " + shown);
        }
        assertEquals(fixtureDigests, digests(fixtures), "the fixtures are as they were after " + k.id());
    }

    private String expand(String text, Path d) {
        return text.replace("{f}", fixtures.toString())
                .replace("{d}", d.toString())
                .replace("{pg}", hostPort("LANDFALL_PG_URL"))
                .replace("{redis}", hostPort("LANDFALL_REDIS_URL"))
                .replace("{html}", "http://127.0.0.1:" + htmlProxy.getAddress().getPort());
    }

    /** The test server's host:port, or a port nobody listens on when the server is not set up here. */
    private static String hostPort(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            return "127.0.0.1:1";
        }
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(env, args);
    }

    private static void expectOk(CliRun r) {
        assertEquals(0, r.exitCode(), r.err());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(fixtures.resolve(name), text);
    }

    private void copyBundle(String from, String to) throws IOException {
        Path source = fixtures.resolve(from);
        Path target = fixtures.resolve(to);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }

    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                String rel = dir.relativize(p).toString();
                out.put(rel, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /**
     * Changes the value of key "a" in the bundle's one part and records the new part's size and
     * SHA-256 in the manifest, as a careful forger would: only the scope digest can tell.
     */
    private static void tamperWithChecksumFixed(Path bundle) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path manifestFile = bundle.resolve("manifest.json");
        ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
        ObjectNode part =
                (ObjectNode) manifest.get("scopes").get(0).get("parts").get(0);
        Path partFile = bundle.resolve(part.get("file").asText());
        String lines = new String(readMaybeGzip(partFile), StandardCharsets.UTF_8);
        String forged = lines.replace("{\"key\":\"a\",\"value\":\"1\"}", "{\"key\":\"a\",\"value\":\"9\"}");
        assertFalse(forged.equals(lines), "the part holds key a with value 1: " + lines);
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(partFile))) {
            out.write(forged.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(partFile);
        part.put("bytes", bytes.length);
        part.put("sha256", sha256(bytes));
        json.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
    }

    private static boolean isDatabase(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".db") || name.endsWith(".db-wal") || name.endsWith(".db-shm");
    }

    private static byte[] readMaybeGzip(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            } catch (IOException e) {
                return bytes; // a part the suite damaged on purpose
            }
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
