package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar as an operator would: start a seeded sandbox, read its environment, call it. */
class SandboxCommandIT {
    private static final Path JAR = Path.of("target", "landfall.jar");

    @Test
    void seededSandboxServesPagedKeysWithThePrintedToken(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: mvn package");
        Path envFile = dir.resolve("sandbox.env");
        Process p = new ProcessBuilder(List.of(
                        javaBin(),
                        "-jar",
                        JAR.toString(),
                        "sandbox",
                        "--seed-kv",
                        "SESSIONS=20000",
                        "--env-file",
                        envFile.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            Map<String, String> env = readEnvironment(p);
            String base = env.get("CLOUDFLARE_API_BASE_URL");
            String token = env.get("CLOUDFLARE_API_TOKEN");
            String account = env.get("CLOUDFLARE_ACCOUNT_ID");
            assertTrue(base.startsWith("http://127.0.0.1:") && base.endsWith("/client/v4"), base);

            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)),
                    "the env file holds a token: owner-only");
            assertTrue(Files.readString(envFile).contains("CLOUDFLARE_API_TOKEN=" + token));

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            ObjectMapper json = new ObjectMapper();
            JsonNode namespaces =
                    json.readTree(get(http, base + "/accounts/" + account + "/storage/kv/namespaces", token));
            String nsId = null;
            for (JsonNode ns : namespaces.get("result")) {
                if (ns.get("title").asText().equals("SESSIONS")) {
                    nsId = ns.get("id").asText();
                }
            }
            assertTrue(nsId != null, "seeded namespace SESSIONS not listed: " + namespaces);

            JsonNode page = json.readTree(
                    get(http, base + "/accounts/" + account + "/storage/kv/namespaces/" + nsId + "/keys", token));
            assertTrue(page.get("success").asBoolean());
            assertEquals(1000, page.get("result").size());
            assertEquals(1000, page.get("result_info").get("count").asInt());
            assertFalse(page.get("result_info").get("cursor").asText().isEmpty(), "a cursor for the next page");

            HttpResponse<String> noToken = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/accounts/" + account + "/storage/kv/namespaces"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, noToken.statusCode(), "no token: Cloudflare's 400, code 9106");
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "sandbox stops on SIGTERM");
        }
    }

    @Test
    void theWriterFillsTheChangeLogServedUnderProtocol2(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: mvn package");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(List.of(
                        javaBin(),
                        "-jar",
                        JAR.toString(),
                        "sandbox",
                        "--seed-kv",
                        "SESSIONS=100",
                        "--writes",
                        "500/s",
                        "--capture-shards",
                        "2"))
                .redirectError(stderr.toFile())
                .start();
        try {
            Map<String, String> env = readEnvironment(p);
            String worker = env.get("LANDFALL_EXPORT_WORKER_URL");
            String secret = env.get("LANDFALL_EXPORT_SECRET");
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            ObjectMapper json = new ObjectMapper();
            JsonNode info = json.readTree(get(http, worker + "/landfall/v2/info", secret));
            assertEquals(2, info.path("protocol").asInt());
            assertEquals(2, info.path("capture").path("shards").asInt());
            assertEquals(
                    env.get("CLOUDFLARE_ACCOUNT_ID"),
                    info.path("capture").path("account").asText());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long pending = 0;
            while (pending == 0) {
                assertTrue(System.nanoTime() < deadline, "the writer's changes never reached the log");
                pending = 0;
                for (int shard = 0; shard < 2; shard++) {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(worker + "/landfall/v2/changes/" + shard + "/read"))
                                    .header("Authorization", "Bearer " + secret)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":1}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    pending += json.readTree(r.body()).path("pending").asLong();
                }
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "sandbox stops on SIGTERM");
        }
        String err = Files.readString(stderr);
        assertTrue(err.contains("landfall sandbox: capture on: 2 shards of up to 100000 pending changes"), err);
        assertTrue(err.contains("writer: 500 writes/s into SESSIONS"), err);
        assertTrue(err.contains("landfall sandbox: the writer made "), "a summary on stop: " + err);
    }

    private static Map<String, String> readEnvironment(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> env = new LinkedHashMap<>();
        while (env.size() < 5) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("sandbox exited before printing its environment; got " + env);
            }
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        assertEquals(
                List.of(
                        "CLOUDFLARE_API_BASE_URL",
                        "CLOUDFLARE_API_TOKEN",
                        "CLOUDFLARE_ACCOUNT_ID",
                        "LANDFALL_EXPORT_WORKER_URL",
                        "LANDFALL_EXPORT_SECRET"),
                List.copyOf(env.keySet()));
        return env;
    }

    private static String get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return r.body();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
