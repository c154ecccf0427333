package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
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
        HeadlessChromium chromium = HeadlessChromium.find(dir);
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

        String dom = chromium.run("--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("Plan: 39 to create, 1 to update, 1 to delete."), dom);
        assertTrue(dom.contains("<td>kv FLAGS</td>"), dom);

        Path png = dir.resolve("plan.png");
        chromium.run(
                "--window-size=1200,900", "--screenshot=" + png, html.toUri().toString());
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
}
