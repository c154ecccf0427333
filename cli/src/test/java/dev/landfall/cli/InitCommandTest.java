package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @Test
    void printsAValidCommentedExampleToStdout(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.run("init");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("# landfall.yaml"), run.out());
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, run.out());
        CliRun validate = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(0, validate.exitCode(), validate.err());
    }

    /**
     * The edge split takes over the clients' route, so a baseline there would turn into the new
     * service as the dial rises: the example's baseline stays outside, and validate refuses one
     * inside.
     */
    @Test
    void theExamplesBaselineIsOutsideTheEdgeSplitAndValidateRefusesOneInside(@TempDir Path dir) throws IOException {
        String example = CliRun.run("init").out();
        int edge = example.indexOf("  # edge:");
        String withEdge = example.substring(0, edge)
                + example.substring(edge).replace("  # edge:", "  edge:").replace("  #   ", "    ");
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, withEdge);
        CliRun validate = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(0, validate.exitCode(), validate.err());

        Files.writeString(spec, withEdge.replaceFirst("(?m)^  baseline: .*$", "  baseline: https://api.example.com"));
        CliRun refused = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(
                refused.err()
                        .matches(
                                "(?s)landfall: " + java.util.regex.Pattern.quote(spec.toString())
                                        + ":\\d+:13: cutover.baseline: https://api.example.com is under cutover.edge.routes\\[0\\].*"),
                refused.err());
        assertTrue(refused.err().contains("hint: give an address the split cannot move"), refused.err());
        assertTrue(refused.err().contains("https://api-worker.SUBDOMAIN.workers.dev"), refused.err());
    }

    @Test
    void writesOutButNeverOverAnExistingFileWithoutForce(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        assertEquals(0, CliRun.run("init", "--out", spec.toString()).exitCode());
        assertTrue(Files.readString(spec).contains("regions:"));

        Files.writeString(spec, "mine\n");
        CliRun again = CliRun.run("init", "--out", spec.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals("mine\n", Files.readString(spec));

        assertEquals(0, CliRun.run("init", "--out", spec.toString(), "--force").exitCode());
        assertTrue(Files.readString(spec).contains("regions:"));
    }
}
