package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real headless Chromium for the HTML report tests: offline (no background networking), with a
 * throwaway profile. Missing Chromium skips the test locally and fails it in CI.
 */
final class HeadlessChromium {
    private final Path binary;
    private final Path dir;

    private HeadlessChromium(Path binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    /** Chromium, with scratch files in {@code dir}. */
    static HeadlessChromium find(Path dir) {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new HeadlessChromium(Path.of(candidate), dir);
            }
        }
        String why = "Chromium is not installed (apt-get install chromium); bin/test-all installs it";
        if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }

    /** Runs Chromium with these arguments and returns its stdout. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
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
}
