package dev.landfall.infra.cutover;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code test-peers/} with Miniflare installed ({@code npm ci --prefix test-peers}). */
final class TestPeers {
    private TestPeers() {}

    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path peers = dir.resolve("test-peers");
            if (Files.isRegularFile(peers.resolve("package.json"))) {
                if (Files.isDirectory(peers.resolve("node_modules/miniflare"))) {
                    return peers;
                }
                break;
            }
        }
        String message = "miniflare is not installed in test-peers/ (run `npm ci --prefix test-peers`)";
        if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(false, message + "; skipping (set LANDFALL_IT_REQUIRED=1 to fail instead)");
        return null;
    }
}
