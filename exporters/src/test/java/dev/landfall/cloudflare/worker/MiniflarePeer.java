package dev.landfall.cloudflare.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real workerd, through Miniflare's Node API ({@code test-peers/miniflare-peer.mjs}): runs the
 * shipped export Worker modules with the test app of this package ({@code test-app.mjs}: a
 * KV-backed and a SQLite-backed Durable Object class, wrapped, plus an unwrapped one, and a KV
 * namespace) on 127.0.0.1 with a fresh persist directory. One instance per test class.
 */
public final class MiniflarePeer implements AutoCloseable {
    /** Bindings of the test app. */
    public static final String KV_DO = "KV_STORE";

    public static final String SQL_DO = "SQL_STORE";
    public static final String UNWRAPPED_DO = "PLAIN";
    public static final String KV = "CACHE";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final String url;

    private MiniflarePeer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * {@link #locate()} for a test: empty, so the test skips, when the peers are not installed;
     * but with {@code LANDFALL_IT_REQUIRED=1}, as {@code .ci/run} sets it, a failure, so a missing
     * install step cannot pass as skipped tests.
     */
    public static Optional<Path> locateForTests() {
        Optional<Path> found = locate();
        if (found.isEmpty() && "1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            throw new AssertionError("miniflare is not installed (run npm ci --prefix test-peers)");
        }
        return found;
    }

    /** Where {@code npm ci} put the test peers, if it did (see test-peers/README.md). */
    public static Optional<Path> locate() {
        List<Path> roots = new ArrayList<>();
        String projectDir = System.getenv("LANDFALL_PROJECT_DIR");
        if (projectDir != null && !projectDir.isBlank()) {
            roots.add(Path.of(projectDir));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("test-peers/package.json"))) {
                roots.add(dir);
                break;
            }
        }
        return roots.stream()
                .map(root -> root.resolve("test-peers"))
                .filter(p -> Files.isDirectory(p.resolve("node_modules/miniflare")))
                .findFirst();
    }

    /**
     * Starts the test app in {@code workDir} (an empty directory the caller owns).
     *
     * @param secret the export secret the Worker is configured with
     */
    public static MiniflarePeer start(Path testPeers, Path workDir, String secret) throws IOException {
        Path app = Files.createDirectories(workDir.resolve("app"));
        WorkerScripts.copyTo(app.resolve("worker"));
        try (InputStream in = MiniflarePeer.class.getResourceAsStream("test-app.mjs")) {
            Files.copy(in, app.resolve("test-app.mjs"));
        }
        Files.writeString(app.resolve("vectors.mjs"), VectorModule.generate(), StandardCharsets.UTF_8);
        ObjectNode config = MAPPER.createObjectNode();
        config.put("scriptPath", app.resolve("test-app.mjs").toString());
        config.putObject("kvNamespaces").put(KV, "cache-namespace-id");
        ObjectNode dos = config.putObject("durableObjects");
        dos.putObject(KV_DO).put("className", "KvStore");
        dos.putObject(SQL_DO).put("className", "SqlStore").put("useSQLite", true);
        dos.putObject(UNWRAPPED_DO).put("className", "Unwrapped");
        config.putObject("vars").put("LANDFALL_DO_CLASSES", KV_DO + "=KvStore," + SQL_DO + "=SqlStore");
        return launch(testPeers, workDir, config, secret);
    }

    /** The KV bindings of the capture app ({@code capture-app.mjs}). */
    public static final List<String> CAPTURED_KV = List.of(KV, "SESSIONS");

    /** The capture app's SQLite-backed Durable Object binding (class {@code Notes}, with a SQL table). */
    public static final String CAPTURED_SQL_DO = "NOTES";

    /** The capture app's KV-backed Durable Object binding (class {@code Counters}). */
    public static final String CAPTURED_KV_DO = "COUNTERS";

    /**
     * Starts the capture app in {@code workDir}: the router and change log of an export Worker,
     * and an application under {@code /app/} that writes {@link #CAPTURED_KV} through
     * {@code withLandfallCapture}, with {@code LANDFALL_CHANGES} bound to the SQLite-backed
     * {@code LandfallChangeLog}, and two Durable Object classes wrapped by {@code
     * withLandfallExport}, which therefore capture their writes ({@link #CAPTURED_SQL_DO}, {@link
     * #CAPTURED_KV_DO}).
     *
     * @param vars the Worker variables, such as {@code LANDFALL_CAPTURE_SHARDS}
     */
    public static MiniflarePeer startCaptureApp(Path testPeers, Path workDir, String secret, Map<String, String> vars)
            throws IOException {
        Path app = Files.createDirectories(workDir.resolve("app"));
        WorkerScripts.copyTo(app.resolve("worker"));
        try (InputStream in = MiniflarePeer.class.getResourceAsStream("capture-app.mjs")) {
            Files.copy(in, app.resolve("capture-app.mjs"));
        }
        ObjectNode config = MAPPER.createObjectNode();
        config.put("scriptPath", app.resolve("capture-app.mjs").toString());
        ObjectNode namespaces = config.putObject("kvNamespaces");
        CAPTURED_KV.forEach(k -> namespaces.put(k, k.toLowerCase(java.util.Locale.ROOT) + "-id"));
        ObjectNode dos = config.putObject("durableObjects");
        dos.putObject("LANDFALL_CHANGES").put("className", "LandfallChangeLog").put("useSQLite", true);
        dos.putObject(CAPTURED_SQL_DO).put("className", "Notes").put("useSQLite", true);
        dos.putObject(CAPTURED_KV_DO).put("className", "Counters");
        dos.putObject("FLAKY").put("className", "Flaky").put("useSQLite", true);
        ObjectNode v = config.putObject("vars");
        v.put("LANDFALL_DO_CLASSES", CAPTURED_SQL_DO + "=Notes," + CAPTURED_KV_DO + "=Counters,FLAKY=Flaky");
        vars.forEach(v::put);
        return launch(testPeers, workDir, config, secret);
    }

    /**
     * Starts any Worker script (an ES module) with these KV namespaces (binding to id) and no
     * Durable Objects, such as a scaffolded export Worker.
     */
    public static MiniflarePeer startWorker(
            Path testPeers, Path workDir, Path script, Map<String, String> kv, String secret) throws IOException {
        return startWorker(testPeers, workDir, script, kv, Map.of(), Map.of(), secret);
    }

    /**
     * As {@link #startWorker(Path, Path, Path, Map, String)}, with SQLite-backed Durable Objects
     * the script defines (binding to class) and Worker variables.
     */
    public static MiniflarePeer startWorker(
            Path testPeers,
            Path workDir,
            Path script,
            Map<String, String> kv,
            Map<String, String> sqliteDurableObjects,
            Map<String, String> vars,
            String secret)
            throws IOException {
        ObjectNode config = MAPPER.createObjectNode();
        config.put("scriptPath", script.toAbsolutePath().toString());
        ObjectNode namespaces = config.putObject("kvNamespaces");
        kv.forEach(namespaces::put);
        ObjectNode dos = config.putObject("durableObjects");
        sqliteDurableObjects.forEach((binding, className) ->
                dos.putObject(binding).put("className", className).put("useSQLite", true));
        ObjectNode v = config.putObject("vars");
        vars.forEach(v::put);
        return launch(testPeers, workDir, config, secret);
    }

    private static MiniflarePeer launch(Path testPeers, Path workDir, ObjectNode config, String secret)
            throws IOException {
        config.put(
                "persistDir",
                Files.createDirectories(workDir.resolve("persist")).toString());
        Path configFile = workDir.resolve("miniflare.json");
        MAPPER.writeValue(configFile.toFile(), config);

        ProcessBuilder pb = new ProcessBuilder(
                        "node", testPeers.resolve("miniflare-peer.mjs").toString(), configFile.toString())
                .directory(workDir.toFile())
                .redirectError(workDir.resolve("miniflare.stderr").toFile());
        Map<String, String> env = pb.environment();
        env.put("LANDFALL_EXPORT_SECRET", secret);
        Process process = pb.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Blocks until the runtime is ready or the process ends (readLine then gives null).
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("miniflare did not start: " + Files.readString(workDir.resolve("miniflare.stderr")));
        }
        JsonNode ready = MAPPER.readTree(line);
        return new MiniflarePeer(process, ready.path("url").asText());
    }

    /** The Worker's URL, ending in "/". */
    public String url() {
        return url;
    }

    /** Runs a test-only route of the test app (no secret needed) and returns its body. */
    public String testRoute(String path) throws IOException {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Seeds object {@code name} of {@code binding} ({@code route}: {@code seed} for every value type
     * and the SQL tables, {@code seed-bulk?n=N} for N small entries) and returns its 64-hex id.
     */
    public String seed(String route, String binding, String name) throws IOException {
        String path = route.contains("?")
                ? "test/" + route.substring(0, route.indexOf('?')) + "/" + binding + "/" + name
                        + route.substring(route.indexOf('?'))
                : "test/" + route + "/" + binding + "/" + name;
        return MAPPER.readTree(testRoute(path)).path("id").asText();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close(); // the launcher disposes workerd when its stdin closes
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
