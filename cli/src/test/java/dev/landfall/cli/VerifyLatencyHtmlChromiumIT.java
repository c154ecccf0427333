package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.verify.latency.testing.DelayServer;
import dev.landfall.verify.latency.testing.DelayServer.Behaviour;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dual-run HTML report renders in real headless Chromium: the laid-out page holds the verdict,
 * the latency table and the mismatch table, and a screenshot shows both percentile curves in their
 * colours.
 */
class VerifyLatencyHtmlChromiumIT {
    @TempDir
    Path dir;

    @Test
    void theReportShowsBothCurvesAndTheMismatches() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(dir);
        Path requests = dir.resolve("requests.ndjson");
        Files.writeString(requests, "{\"path\":\"/v1/a\"}\n{\"path\":\"/v1/b\"}\n");
        Path html = dir.resolve("dual-run.html");
        try (DelayServer old = DelayServer.start(Behaviour.fixed(8_000));
                DelayServer fresh = DelayServer.start(Behaviour.fixed(1_000)
                        .body(r -> r.path().endsWith("b") ? "{\"plan\":\"free\"}" : "{\"plan\":\"pro\"}"))) {
            CliRun r = CliRun.run(
                    "verify",
                    "latency",
                    "--baseline",
                    old.url().toString(),
                    "--candidate",
                    fresh.url().toString(),
                    "--requests",
                    requests.toString(),
                    "--rate",
                    "100",
                    "--duration",
                    "2s",
                    "--warmup",
                    "0",
                    "--slo",
                    "mismatch<=0%",
                    "--report",
                    html.toString());
            assertEquals(3, r.exitCode(), r.err());
        }

        String dom = chromium.run("--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("SLO breach"), dom);
        assertTrue(dom.contains("<td>candidate</td>"), dom);
        assertTrue(dom.contains("GET /v1/a"), dom);
        assertTrue(dom.contains("$.path"), dom);

        Path png = dir.resolve("dual-run.png");
        chromium.run(
                "--window-size=1200,1000", "--screenshot=" + png, html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        int baseline = 0;
        int candidate = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb == 0xc62828) {
                    baseline++;
                }
                if (rgb == 0x1565c0) {
                    candidate++;
                }
            }
        }
        assertTrue(baseline > 300, "the baseline curve is drawn in red: " + baseline + " pixels");
        assertTrue(candidate > 300, "the candidate curve is drawn in blue: " + candidate + " pixels");
    }
}
