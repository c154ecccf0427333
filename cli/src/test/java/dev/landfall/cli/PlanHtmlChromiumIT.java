package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML plan renders in real headless Chromium: the page's text (as Chromium lays it out) holds
 * the totals and the scopes, and a screenshot shows the chart's bars in their colours. Chromium
 * runs offline (no background networking) with a throwaway profile.
 */
class PlanHtmlChromiumIT {
    @TempDir
    Path dir;

    @Test
    void theHtmlPlanRendersWithItsTableAndChart() throws Exception {
        Path chromium = chromium();
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"k")
                    .append(i)
                    .append("\",\"value\":\"v")
                    .append(i)
                    .append("\"}");
        }
        Path file = dir.resolve("items.json");
        Files.writeString(file, items.append("]").toString());
        String db = "sqlite:" + dir.resolve("store.db");
        Path half = dir.resolve("half.json");
        Files.writeString(half, "[{\"key\":\"k1\",\"value\":\"changed\"},{\"key\":\"zz\",\"value\":\"only here\"}]");
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + half, "--kv", "FLAGS", "--to", db)
                        .exitCode());
        Path html = dir.resolve("plan.html");
        CliRun plan = CliRun.run(
                "plan",
                "--from",
                "wrangler:" + file,
                "--kv",
                "FLAGS",
                "--to",
                db,
                "--mode",
                "mirror",
                "--format",
                "html",
                "--out",
                html.toString());
        assertEquals(0, plan.exitCode(), plan.err());

        String dom = run(chromium, "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("Plan: 39 to create, 1 to update, 1 to delete."), dom);
        assertTrue(dom.contains("<td>kv FLAGS</td>"), dom);

        Path png = dir.resolve("plan.png");
        run(
                chromium,
                "--window-size=1200,900",
                "--screenshot=" + png,
                html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        int green = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r == 0x2e && g == 0x7d && b == 0x32) {
                    green++;
                }
                if (r < 80 && g < 80 && b < 80) {
                    dark++;
                }
            }
        }
        assertTrue(green > 2000, "the create bar is drawn in green: " + green + " pixels");
        assertTrue(dark > 2000, "text is drawn: " + dark + " dark pixels");
    }

    private String run(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String why = "Chromium is not installed (apt-get install chromium); bin/test-all installs it";
        if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }
}
