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
