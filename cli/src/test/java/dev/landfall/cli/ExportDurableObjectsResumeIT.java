package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.cloudflare.worker.MiniflarePeer;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code landfall export --do} (the built jar, a process of its own) with SIGKILL once the
 * export journal shows a committed batch, while it reads Durable Objects from the real export
 * Worker in workerd (one object at a time, or several at once); resumes it; and requires the bundle to equal an uninterrupted export's, scope
 * digest for scope digest, and the values the Worker cannot encode to be listed all the same.
 */
class ExportDurableObjectsResumeIT {
    private static final String SECRET = "it-export-secret-resume-0123456789abcdef0123";
    private static final Path JAR = Path.of("target", "landfall.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BULK_OBJECTS = 6;
    private static final int BULK_ENTRIES = 5000;

    /** One object at a time, and several at once: the kill then lands with objects half-written. */
    @ParameterizedTest(name = "--concurrency {0}")
    @ValueSource(ints = {1, 4})
    void aKilledDurableObjectExportResumesToTheSameBundle(int concurrency, @TempDir Path dir) throws Exception {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        if (peers.isEmpty()) {
            Assumptions.abort("miniflare is not installed; skipping (set LANDFALL_IT_REQUIRED=1 to fail instead)");
        }
        try (MiniflarePeer peer =
                        MiniflarePeer.start(peers.get(), Files.createDirectories(dir.resolve("workerd")), SECRET);
                SandboxServer sandbox = SandboxServer.start(
                        SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED).build())) {
            List<String> kvObjects = new ArrayList<>();
            kvObjects.add(peer.seed("seed", MiniflarePeer.KV_DO, "typed"));
            for (int i = 0; i < BULK_OBJECTS; i++) {
                kvObjects.add(peer.seed("seed-bulk?n=" + BULK_ENTRIES, MiniflarePeer.KV_DO, "bulk-" + i));
            }
            String sql = peer.seed("seed", MiniflarePeer.SQL_DO, "tables");
            sandbox.registerDurableObjects("KvStore", false, kvObjects);
            sandbox.registerDurableObjects("SqlStore", true, List.of(sql));
            Map<String, String> env = new HashMap<>(sandbox.environment());
            env.put("LANDFALL_EXPORT_SECRET", SECRET);
            env.remove("LANDFALL_EXPORT_WORKER_URL");
            List<String> args =
                    List.of("export", "--do", "KvStore", "--do", "SqlStore", "--export-worker", peer.url(), "--json");

            Path reference = dir.resolve("reference");
            CliRun whole = CliRun.run(env, with(args, "--to", "bundle:" + reference, "--accept-unencodable"));
            assertEquals(0, whole.exitCode(), whole.err());

            Path killed = dir.resolve("killed");
            Process p = start(env, with(args, "--to", "bundle:" + killed, "--concurrency", "" + concurrency));
            Path journal = killed.resolve("export-journal.ndjson");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines(journal) < 1) {
                assertTrue(p.isAlive(), "the export ended before it could be killed");
                assertTrue(System.nanoTime() < deadline, "no committed batch after 120 s");
                Thread.sleep(10);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            long finished;
            try (var s = Files.lines(journal)) {
                finished = s.filter(l -> l.contains("\"done\":true")).count();
            }
            assertTrue(finished < scopes(reference), "the kill landed before the export finished: " + finished);

            CliRun resumed = CliRun.run(env, with(args, "--to", "bundle:" + killed, "--resume"));
            assertEquals(3, resumed.exitCode(), "the Worker's unencodable values were left out: " + resumed.err());

            assertEquals(digests(reference), digests(killed));
            assertEquals(BULK_OBJECTS + 2 + 1, digests(killed).size(), "every object and the SQL tables' scope");
            assertEquals(refusals(whole), refusals(resumed), "values left out before the kill are listed too");
            assertEquals(4, refusals(resumed).size(), refusals(resumed).toString());
        }
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    private static long scopes(Path bundle) throws IOException {
        return digests(bundle).size();
    }

    /** Each scope's digest; none for a bundle whose manifest an export has not written yet. */
    private static Map<String, String> digests(Path bundle) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(bundle.resolve("manifest.json"))) {
            return out;
        }
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                Scope s = scopes.current();
                out.put(s.id(), store.digest(s).orElseThrow().toJson());
            }
        }
        return out;
    }

    private static Set<String> refusals(CliRun run) throws IOException {
        Set<String> out = new TreeSet<>();
        JsonNode list = JSON.readTree(run.out()).path("durableObjects").path("unencodable");
        list.forEach(u -> out.add(u.path("scope").asText() + " " + u.path("key").asText()));
        return out;
    }
}
