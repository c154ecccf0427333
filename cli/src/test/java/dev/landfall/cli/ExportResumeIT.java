package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import dev.landfall.sandbox.KvSeed;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running export with SIGKILL after it has committed a few pages, resumes it, and requires
 * the bundle to equal an uninterrupted export's, scope digest for scope digest.
 */
class ExportResumeIT {
    private static final Path JAR = Path.of("target", "landfall.jar");

    @Test
    void killedExportResumesToTheSameBundle(@TempDir Path dir) throws Exception {
        SandboxConfig config = SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=6000"), KvSeed.parse("USERS=1500")))
                .build();
        try (SandboxServer server = SandboxServer.start(config)) {
            Map<String, String> env = new HashMap<>(server.environment());

            Path reference = dir.resolve("reference");
            CliRun whole = CliRun.run(env, "export", "--to", "bundle:" + reference);
            assertEquals(0, whole.exitCode(), whole.err());

            Path killed = dir.resolve("killed");
            Process p = export(env, killed, "--api-budget", "30/1s");
            Path journal = killed.resolve("export-journal.ndjson");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(journal) < 3) {
                assertTrue(p.isAlive(), "the export ended before it could be killed");
                assertTrue(System.nanoTime() < deadline, "no checkpoints after 60 s");
                Thread.sleep(20);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));

            CliRun refused = CliRun.run(env, "export", "--to", "bundle:" + killed);
            assertEquals(2, refused.exitCode(), "an existing export needs --resume or --force: " + refused.err());
            assertTrue(refused.err().contains("--resume"), refused.err());

            CliRun resumed = CliRun.run(env, "export", "--to", "bundle:" + killed, "--resume");
            assertEquals(0, resumed.exitCode(), resumed.err());

            assertEquals(digests(reference), digests(killed));
        }
    }

    private static Process export(Map<String, String> env, Path bundle, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "export",
                "--to",
                "bundle:" + bundle));
        cmd.addAll(List.of(extra));
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

    private static Map<String, String> digests(Path bundle) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                Scope s = scopes.current();
                out.put(s.id(), store.digest(s).orElseThrow().toJson());
            }
        }
        assertEquals(2, out.size(), "both namespaces exported: " + out.keySet());
        return out;
    }
}
