package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that is not there is a usage error (exit 2) before any store is opened: a typo must
 * never read as an empty source, so that {@code verify data} says "Equal", {@code plan
 * --detailed-exitcode} passes, or {@code import} creates an empty store.
 */
class MissingSourceTest {
    @TempDir
    Path dir;

    @Test
    void everyDataCommandRefusesASourceThatIsNotThereAndWritesNothing() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        String store = "sqlite:" + dir.resolve("m.db");
        for (List<String> args : List.of(
                List.of("verify", "data", "--from", "bundle:" + missing, "--to", store),
                List.of("import", "--from", "bundle:" + missing, "--to", store),
                List.of("plan", "--from", "bundle:" + missing, "--to", store, "--detailed-exitcode"),
                List.of("import", "--from", "sqlite:" + dir.resolve("typo.db"), "--to", store),
                List.of(
                        "migrate",
                        "--from",
                        "bundle:" + missing,
                        "--to",
                        store,
                        "--run-dir",
                        dir.resolve("run").toString()))) {
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), args + ": " + r.err());
            assertTrue(r.err().contains("nothing to read"), args + ": " + r.err());
            assertFalse(r.out().contains("Equal"), r.out());
        }
        assertFalse(Files.exists(missing), "no source directory is created");
        assertFalse(Files.exists(dir.resolve("typo.db")), "no source database is created");
        assertFalse(Files.exists(dir.resolve("m.db")), "no store is created");
        assertFalse(Files.exists(dir.resolve("run")), "no run directory is created");
    }
}
