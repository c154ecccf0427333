package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.sandbox.Faults;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall export} end to end against the in-process sandbox. */
class ExportCommandTest {
    private static final String TOKEN = "tok-S3CRET-do-not-print-0123456789";

    @Test
    void exportsEveryNamespaceByteExactAndNeverPrintsTheToken(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=1200", "USERS=150")) {
            Path bundle = dir.resolve("out");
            CliRun r = CliRun.run(env(server), "export", "--to", "bundle:" + bundle, "--verbose");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Exported "), r.out());
            assertTrue(r.err().contains("http: GET"), "--verbose traces each exchange: " + r.err());
            for (KvNamespace ns : namespaces(server)) {
                assertEquals(truth(server, ns), read(bundle, ns), ns.title());
            }
            assertTokenAbsent(r, bundle);
        }
    }

    @Test
    void jsonPrintsOneDocumentAndNoProgress(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=120")) {
            CliRun r = CliRun.run(
                    env(server), "export", "--to", "bundle:" + dir.resolve("b"), "--json", "--kv", "SESSIONS");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertEquals(
                    truth(server, namespaces(server).get(0)).size(),
                    doc.get("keys").asLong());
            assertEquals("SESSIONS", doc.get("namespaces").get(0).get("title").asText());
            assertTrue(doc.get("api").get("requests").asLong() >= 3);
            assertEquals("", r.err(), "no progress with --json");
        }
    }

    @Test
    void aWaitForTheBudgetIsAnnouncedOnStderrOnce(@TempDir Path dir) throws IOException {
        // 10 keys cost 6 requests (namespace list, key list, bulk get, two binary values, and the
        // Durable Object namespace list that tells what the export leaves behind): under 4 per 4 s
        // only the fifth waits, about 4 s, really, so the test stays this small.
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=10")) {
            CliRun r = CliRun.run(
                    env(server), "export", "--to", "bundle:" + dir.resolve("b"), "--api-budget", "4/4s", "--json");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(
                    6, new ObjectMapper().readTree(r.out()).at("/api/requests").asLong(), r.out());
            BudgetWait.assertSaidOnce("export", r.err());
        }
    }

    @Test
    void underInjectedFaultsTheBundleIsStillExact(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.parse("429=0.05,500=0.02,reset=0.01"), "SESSIONS=1100")) {
            Path bundle = dir.resolve("out");
            CliRun r = CliRun.run(env(server), "export", "--to", "bundle:" + bundle);
            assertEquals(0, r.exitCode(), r.err());
            KvNamespace ns = namespaces(server).get(0);
            assertEquals(truth(server, ns), read(bundle, ns));
            long faults = server.stats().faults().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertTrue(faults > 0, "the seed should inject some faults: " + server.stats());
        }
    }

    @Test
    void anExistingExportNeedsResumeOrForce(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=50")) {
            String to = "bundle:" + dir.resolve("b");
            assertEquals(0, CliRun.run(env(server), "export", "--to", to).exitCode());
            CliRun again = CliRun.run(env(server), "export", "--to", to);
            assertEquals(2, again.exitCode());
            assertTrue(again.err().contains("already holds an export"), again.err());
            assertTrue(again.err().contains("--resume") && again.err().contains("--force"), again.err());
            CliRun resumed = CliRun.run(env(server), "export", "--to", to, "--resume");
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.err().contains("already complete"), resumed.err());
            CliRun forced = CliRun.run(env(server), "export", "--to", to, "--force");
            assertEquals(0, forced.exitCode(), forced.err());
        }
    }

    @Test
    void badInputIsAUsageErrorBeforeAnyRequest(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=10")) {
            Map<String, String> env = env(server);
            String to = "bundle:" + dir.resolve("b");
            String[][] cases = {
                {"--to", to, "--resume", "--force"},
                {"--to", to, "--api-budget", "lots"},
                {"--to", to, "--api-budget", "off"},
                {"--to", to, "--concurrency", "0"},
                {"--to", "sqlite:x.db"},
                {"--to", to, "--from", "s3://bucket"},
            };
            for (String[] c : cases) {
                List<String> args = new ArrayList<>(List.of("export"));
                args.addAll(List.of(c));
                CliRun r = CliRun.run(env, args.toArray(String[]::new));
                assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
                assertTrue(r.err().contains("hint: "), r.err());
            }
            assertEquals(0, server.stats().totalRequests(), "validation happens before any request");
            assertFalse(Files.exists(dir.resolve("b")), "nothing written on bad input");

            Map<String, String> noToken = new HashMap<>(env);
            noToken.remove("CLOUDFLARE_API_TOKEN");
            CliRun r = CliRun.run(noToken, "export", "--to", to);
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("CLOUDFLARE_API_TOKEN is not set"), r.err());

            Map<String, String> noAccount = new HashMap<>(env);
            noAccount.remove("CLOUDFLARE_ACCOUNT_ID");
            r = CliRun.run(noAccount, "export", "--to", to);
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("CLOUDFLARE_ACCOUNT_ID"), r.err());
        }
    }

    @Test
    void rejectedTokenAndUnknownNamespaceExit2AndNameTheProblem(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=10")) {
            Map<String, String> wrong = new HashMap<>(env(server));
            wrong.put("CLOUDFLARE_API_TOKEN", "wrong-" + TOKEN);
            CliRun r = CliRun.run(wrong, "export", "--to", "bundle:" + dir.resolve("a"), "--verbose");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().toLowerCase().contains("token"), r.err());
            assertFalse(r.err().contains(TOKEN) || r.out().contains(TOKEN), "the token never appears");

            r = CliRun.run(env(server), "export", "--to", "bundle:" + dir.resolve("b"), "--kv", "NOPE");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("NOPE") && r.err().contains("SESSIONS"), r.err());
        }
    }

    private static SandboxServer sandbox(Faults faults, String... seeds) {
        List<KvSeed> kv = Stream.of(seeds).map(KvSeed::parse).toList();
        return SandboxServer.start(SandboxConfig.builder()
                .token(TOKEN)
                .rateLimit(RateLimit.UNLIMITED)
                .faults(faults)
                .randomSeed(7)
                .seedKv(kv)
                .build());
    }

    private static Map<String, String> env(SandboxServer server) {
        return server.environment();
    }

    private static List<KvNamespace> namespaces(SandboxServer server) {
        return server.kvNamespaces().stream()
                .map(n -> new KvNamespace(n.namespaceId(), n.title()))
                .toList();
    }

    /** The sandbox's live entries, read from its state rather than through the API. */
    private static List<Entry> truth(SandboxServer server, KvNamespace ns) {
        KvNamespaceState state = server.kvStore().find(ns.namespaceId()).orElseThrow();
        long now = Instant.now().getEpochSecond();
        List<Entry> out = new ArrayList<>();
        Key after = null;
        while (true) {
            KvNamespaceState.Page page = state.list(new byte[0], after, 1000, now);
            for (KvItem i : page.items()) {
                out.add(new Entry(ns, i.key(), i.value().bytes(), i.metadataJson(), i.expiration()));
            }
            if (page.next().isEmpty()) {
                return out;
            }
            after = page.next().get();
        }
    }

    private static List<Entry> read(Path bundle, KvNamespace ns) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Entry> c = store.entries(ns, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    private static void assertTokenAbsent(CliRun r, Path bundle) throws IOException {
        assertFalse(r.out().contains(TOKEN), "token in stdout");
        assertFalse(r.err().contains(TOKEN), "token in stderr");
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (f.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        ByteArrayOutputStream plain = new ByteArrayOutputStream();
                        in.transferTo(plain);
                        bytes = plain.toByteArray();
                    }
                }
                assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(TOKEN), "token in " + f);
            }
        }
    }
}
