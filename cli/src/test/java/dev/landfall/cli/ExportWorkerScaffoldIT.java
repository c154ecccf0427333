package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.KvKeyPage;
import dev.landfall.cloudflare.worker.MiniflarePeer;
import dev.landfall.cloudflare.worker.WorkerInfo;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaffolded export Worker runs as written in workerd and answers the protocol. */
class ExportWorkerScaffoldIT {
    private static final String SECRET = "scaffold-it-secret-0123456789abcdef0123";

    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

    private static Path peers() {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        if (peers.isEmpty()) {
            Assumptions.abort("miniflare is not installed; skipping");
        }
        return peers.get();
    }

    @Test
    void theScaffoldedRouterServesItsKvBinding(@TempDir Path dir) throws IOException {
        Path peers = peers();
        Path out = dir.resolve("worker");
        CliRun r =
                CliRun.run(Map.of(), "export-worker", "scaffold", "--kv-binding", "SESSIONS", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (MiniflarePeer peer = MiniflarePeer.startWorker(
                        peers,
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

    /** The {@code [vars]} of a scaffolded wrangler.toml: one {@code NAME = "text"} a line. */
    private static Map<String, String> vars(String toml) {
        Map<String, String> vars = new LinkedHashMap<>();
        String section = toml.substring(toml.indexOf("[vars]\n") + 7);
        section = section.substring(0, section.indexOf("\n[") < 0 ? section.length() : section.indexOf("\n["));
        Matcher m = Pattern.compile("(?m)^([A-Z_]+) = \"([^\"]*)\"$").matcher(section);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    @Test
    void theScaffoldedWorkerWithCaptureDefinesTheChangeLogAsItsWranglerTomlSays(@TempDir Path dir) throws Exception {
        Path peers = peers();
        Path out = dir.resolve("worker");
        CliRun r = CliRun.run(
                Map.of(),
                "export-worker",
                "scaffold",
                "--kv-binding",
                "SESSIONS",
                "--capture",
                "--capture-shards",
                "16",
                "--capture-capacity",
                "500",
                "--account",
                ACCOUNT.toUpperCase(java.util.Locale.ROOT),
                "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String toml = Files.readString(out.resolve("wrangler.toml"));
        Matcher binding = Pattern.compile("name = \"LANDFALL_CHANGES\"\nclass_name = \"(\\w+)\"\n\n")
                .matcher(toml);
        assertTrue(binding.find(), "the export Worker binds its own class, without script_name: " + toml);
        assertTrue(toml.contains("new_sqlite_classes = [\"" + binding.group(1) + "\"]"), toml);
        Map<String, String> vars = vars(toml);
        assertEquals("16", vars.get("LANDFALL_CAPTURE_SHARDS"), toml);
        try (MiniflarePeer peer = MiniflarePeer.startWorker(
                peers,
                Files.createDirectories(dir.resolve("mf")),
                out.resolve("src/index.mjs"),
                Map.of("SESSIONS", "sessions-id"),
                Map.of("LANDFALL_CHANGES", binding.group(1)),
                vars,
                SECRET)) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper mapper = new ObjectMapper();
            JsonNode info = mapper.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(peer.url() + "landfall/v2/info"))
                                    .header("Authorization", "Bearer " + SECRET)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertEquals(
                    "{\"binding\":\"LANDFALL_CHANGES\",\"shards\":16,\"capacity\":500,\"account\":\"" + ACCOUNT + "\"}",
                    info.path("capture").toString());
            for (int shard : new int[] {15, 16}) {
                HttpResponse<String> read = http.send(
                        HttpRequest.newBuilder(URI.create(peer.url() + "landfall/v2/changes/" + shard + "/read"))
                                .header("Authorization", "Bearer " + SECRET)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (shard == 15) {
                    assertEquals(200, read.statusCode(), read.body());
                    JsonNode log = mapper.readTree(read.body());
                    assertEquals(0, log.path("head").asInt());
                    assertEquals(32, log.path("epoch").asText().length(), read.body());
                } else {
                    assertEquals(404, read.statusCode(), "shards are 0 to 15: " + read.body());
                }
            }
        }
    }
}
