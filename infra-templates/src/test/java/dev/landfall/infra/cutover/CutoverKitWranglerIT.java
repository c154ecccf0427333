package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.landfall.infra.spec.SpecParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated kit as real wrangler reads it: {@code wrangler deploy --dry-run} builds it offline. */
class CutoverKitWranglerIT {
    @TempDir
    Path dir;

    @Test
    void wranglerBuildsTheKitWithTheGateAndTheWriteRules() throws Exception {
        Path peers = TestPeers.locate();
        Path spec = Path.of("src/test/resources/specs/three-region.yaml");
        for (Map.Entry<String, String> file : CutoverWorkerKit.generate(
                        SpecParser.parse(spec.toString(), Files.readString(spec)))
                .entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "node",
                        peers.resolve("node_modules/wrangler/bin/wrangler.js").toString(),
                        "deploy",
                        "--dry-run",
                        "--outdir",
                        dir.resolve("out").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("WRANGLER_SEND_METRICS", "false");
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("env.LANDFALL_WRITE_GATE (LandfallWriteGate)")
                .contains("env.LANDFALL_WRITE_METHODS (\"POST,PUT,DELETE\")")
                .contains("env.LANDFALL_WRITE_PATHS (\"/v1/rpc/\")");
    }
}
