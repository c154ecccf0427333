package dev.landfall.sandbox.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code test-peers/cloudflare-sdk-peer.mjs}: one of the pinned versions of Cloudflare's
 * official SDK through its fixed list of calls, against a fake API on loopback. The environment is
 * built from scratch (PATH and a temporary HOME), so the SDK sees no real credentials.
 */
final class CloudflareSdkPeer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path peers;

    private CloudflareSdkPeer(Path peers) {
        this.peers = peers;
    }

    /**
     * The peer when {@code npm ci --prefix test-peers} has installed both SDK aliases and node is
     * on the PATH: under {@code $LANDFALL_PROJECT_DIR}, else the nearest parent of the working
     * directory that holds {@code test-peers/package.json}.
     */
    static Optional<CloudflareSdkPeer> locate() {
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        return WranglerCli.locate()
                .map(wrangler -> wrangler.getParent().getParent().getParent())
                .filter(p -> Files.isRegularFile(p.resolve("node_modules/cloudflare-v4/package.json")))
                .filter(p -> Files.isRegularFile(p.resolve("node_modules/cloudflare-v7/package.json")))
                .map(CloudflareSdkPeer::new);
    }

    /**
     * Runs every call once and returns each one's line ({@code ok} or {@code error}) by case name.
     *
     * @param plan what the script reads from its argument (module, baseURL, token, ids, keys)
     * @param home an empty directory for the SDK's HOME
     */
    Map<String, JsonNode> run(JsonNode plan, Path home) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "sdk", ".jsonl");
        Path err = Files.createTempFile(home, "sdk", ".err");
        ProcessBuilder pb = new ProcessBuilder("node", "cloudflare-sdk-peer.mjs", JSON.writeValueAsString(plan))
                .directory(peers.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the SDK peer did not finish in 180 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("the SDK peer exited " + p.exitValue() + ": " + stderr);
        }
        Map<String, JsonNode> byCase = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            byCase.put(n.path("case").asText(), n);
        }
        return byCase;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
