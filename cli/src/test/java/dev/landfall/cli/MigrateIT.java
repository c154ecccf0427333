package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.sandbox.Faults;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall migrate} end to end against the sandbox, as separate processes where a crash
 * matters: killed with SIGKILL ten times and resumed, stopped with Ctrl-C and resumed, and run
 * under injected API faults; each ends verified equal with the content of an uninterrupted run.
 */
class MigrateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path lastErr;

    @Test
    void underApiFaultsTheMigrationEndsVerifiedEqualWithReports() throws IOException {
        try (SandboxServer server =
                sandbox(Faults.parse("429=0.05,500=0.02,reset=0.01"), "SESSIONS=3000", "FLAGS=400")) {
            Path run = dir.resolve("run");
            String db = "sqlite:" + dir.resolve("faults.db");
            CliRun r = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--from",
                    "cloudflare://",
                    "--to",
                    db,
                    "--run-dir",
                    run.toString(),
                    "--format",
                    "json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode report = JSON.readTree(r.out());
            assertTrue(report.get("equal").asBoolean(), r.out());
            assertTrue(report.get("apiRequests").asLong() > 0);
            assertEquals(2, report.get("scopes").size());
            for (String ext : List.of("txt", "md", "json", "html")) {
                assertTrue(Files.size(run.resolve("report." + ext)) > 0, "report." + ext);
            }
            assertTrue(Files.readString(run.resolve("log.txt")).contains("finished: verified equal"));
            assertFalse(Files.readString(run.resolve("run.json")).contains(server.token()), "no token in the run");
            for (JsonNode scope : report.get("scopes")) {
                assertEquals(0, scope.get("differences").asLong());
            }
        }
    }

    /**
     * Keys that expire while the run goes on are counted as expired (or, when they expired between
     * listing and reading, as vanished), never as mismatches. The run is slowed by a small API
     * budget so that it outlives them.
     */
    @Test
    void keysThatExpireDuringTheRunAreReportedAsExpired() throws IOException {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=2000")) {
            KvNamespaceState ns = server.kvStore().all().get(0);
            long soon = java.time.Instant.now().getEpochSecond() + 6;
            for (int i = 0; i < 5; i++) {
                // "!" sorts before every seeded key: these are listed in the first request.
                ns.put(new KvItem(
                        dev.landfall.core.model.Key.of("!expiring-" + i), KvValue.of(new byte[] {1}), null, soon));
            }
            CliRun r = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--from",
                    "cloudflare://",
                    "--to",
                    "sqlite:" + dir.resolve("expiry.db"),
                    "--run-dir",
                    dir.resolve("expiry-run").toString(),
                    "--api-budget",
                    "8/1s",
                    "--format",
                    "json");
            assertTrue(java.time.Instant.now().getEpochSecond() > soon, "the run must outlive the keys");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode scope = JSON.readTree(r.out()).at("/scopes/0");
            assertTrue(scope.get("equal").asBoolean(), r.out());
            assertEquals(0, scope.get("differences").asLong());
            assertEquals(
                    5,
                    scope.get("expiredSkipped").asLong()
                            + scope.get("vanishedDuringExport").asLong(),
                    "the five keys are accounted for as expired: " + r.out());
        }
    }

    @Test
    void killedTenTimesAndResumedItEndsEqualToAnUninterruptedRun() throws Exception {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=12000", "FLAGS=3000")) {
            String reference = "sqlite:" + dir.resolve("reference.db");
            CliRun whole = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--from",
                    "cloudflare://",
                    "--to",
                    reference,
                    "--run-dir",
                    dir.resolve("reference-run").toString(),
                    "--batch",
                    "500");
            assertEquals(0, whole.exitCode(), whole.err());

            Path run = dir.resolve("killed-run");
            String db = "sqlite:" + dir.resolve("killed.db");
            Random random = new Random(42);
            int killed = 0;
            List<String> first = List.of(
                    "migrate", "--from", "cloudflare://", "--to", db, "--run-dir", run.toString(), "--batch", "500");
            List<String> resume = List.of("migrate", "--resume", run.toString());
            for (int i = 0; i < 10; i++) {
                // A kill during JVM start leaves no run yet: then the operator starts it again.
                boolean started = Files.exists(run.resolve("run.json"));
                Process p = child(server.environment(), started ? resume : first);
                if (!p.waitFor(300 + random.nextInt(2500), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    killed++;
                }
            }
            assertTrue(killed >= 5, "most runs must be interrupted, were " + killed);
            Process last = child(server.environment(), Files.exists(run.resolve("run.json")) ? resume : first);
            assertTrue(last.waitFor(180, TimeUnit.SECONDS));
            assertEquals(0, last.exitValue(), lastErr());
            assertEquals(content(reference), content(db), "the same store content as an uninterrupted run");
            CliRun verify = CliRun.run("verify", "data", "--from", "bundle:" + run.resolve("export"), "--to", db);
            assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        }
    }

    @Test
    void ctrlCStopsAtACheckpointAndSaysHowToResume() throws Exception {
        try (SandboxServer server = sandbox(Faults.NONE, "SESSIONS=30000")) {
            Path run = dir.resolve("interrupted");
            String db = "sqlite:" + dir.resolve("interrupted.db");
            Process p = child(
                    server.environment(),
                    List.of(
                            "migrate",
                            "--from",
                            "cloudflare://",
                            "--to",
                            db,
                            "--run-dir",
                            run.toString(),
                            "--batch",
                            "500"));
            // Wait until the export has committed something, then press Ctrl-C.
            Path journal = run.resolve("export").resolve("export-journal.ndjson");
            for (int i = 0; i < 300 && !(Files.exists(journal) && Files.size(journal) > 0); i++) {
                Thread.sleep(50);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Ctrl-C ends the run");
            String err = lastErr();
            assertEquals(130, p.exitValue(), err);
            assertTrue(err.contains("continue with: landfall migrate --resume " + run), err);
            CliRun resumed = CliRun.run(server.environment(), "migrate", "--resume", run.toString());
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.out().contains("complete, verified equal"), resumed.out());
        }
    }

    private static SandboxServer sandbox(Faults faults, String... seeds) {
        return SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .faults(faults)
                .randomSeed(5)
                .seedKv(Stream.of(seeds).map(KvSeed::parse).toList())
                .build());
    }

    private Process child(Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Landfall.class.getName()));
        command.addAll(args);
        lastErr = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(Files.createTempFile(dir, "child", ".out").toFile())
                .redirectError(lastErr.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private String lastErr() throws IOException {
        return Files.readString(lastErr);
    }

    /** Every unexpired entry with its digest: keys that expired between the two runs are left out of both. */
    private static List<String> content(String uri) throws IOException {
        long now = java.time.Instant.now().getEpochSecond() + 5;
        List<String> out = new ArrayList<>();
        try (Source s = StoreRegistry.openForReading("--to", StoreUri.parse(uri));
                Cursor<Scope> scopes = s.scopes()) {
            while (scopes.next()) {
                try (Cursor<Entry> c = s.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        if (!c.current().expiredAt(now)) {
                            out.add(scopes.current().id() + " " + c.current().key() + " "
                                    + EntryDigest.of(c.current()).hex());
                        }
                    }
                }
            }
        }
        return out;
    }
}
