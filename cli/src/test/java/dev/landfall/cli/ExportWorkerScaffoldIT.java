package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.KvKeyPage;
import dev.landfall.cloudflare.worker.MiniflarePeer;
import dev.landfall.cloudflare.worker.WorkerInfo;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.retry.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaffolded export Worker runs as written in workerd and answers the protocol. */
class ExportWorkerScaffoldIT {
    private static final String SECRET = "scaffold-it-secret-0123456789abcdef0123";

    @Test
    void theScaffoldedRouterServesItsKvBinding(@TempDir Path dir) throws IOException {
        Optional<Path> peers = MiniflarePeer.locate();
        if (peers.isEmpty()) {
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail("miniflare is not installed (run npm ci --prefix test-peers)");
            }
            Assumptions.abort("miniflare is not installed; skipping");
        }
        Path out = dir.resolve("worker");
        CliRun r =
                CliRun.run(Map.of(), "export-worker", "scaffold", "--kv-binding", "SESSIONS", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (MiniflarePeer peer = MiniflarePeer.startWorker(
                        peers.get(),
                        Files.createDirectories(dir.resolve("mf")),
                        out.resolve("src/index.mjs"),
                        Map.of("SESSIONS", "sessions-id"),
                        SECRET);
                ExportWorkerClient client = new ExportWorkerClient(
                        peer.url(),
                        Secret.of(SECRET),
                        RetryPolicy.builder(1).maxAttempts(1).build(),
                        2)) {
            WorkerInfo info = client.info();
            assertEquals(List.of("SESSIONS"), info.kv());
            KvKeyPage page = client.kvKeys("SESSIONS", Optional.empty(), 10);
            assertEquals(List.of(), page.keys());
            try (ExportWorkerClient wrong = new ExportWorkerClient(
                    peer.url(),
                    Secret.of("wrong-secret-0123456789abcdef0123456789"),
                    RetryPolicy.builder(1)
                            .maxAttempts(1)
                            .initialBackoff(Duration.ofMillis(1))
                            .build(),
                    1)) {
                assertThrows(LandfallException.class, wrong::info);
            }
        }
    }
}
