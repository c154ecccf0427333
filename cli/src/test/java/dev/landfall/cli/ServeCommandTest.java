package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall serve}'s refusals: each before anything is opened or bound, exit 2, one line and a hint. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private void assertRefused(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("landfall: " + message).contains("hint: ");
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(2);
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenIsRefused() {
        CliRun run = CliRun.run("serve", "--store", "sqlite:" + dir.resolve("kv.db"), "--listen", "0.0.0.0:8787");
        assertRefused(run, "--listen 0.0.0.0:8787 is beyond loopback and no token is set");
        assertThat(dir.resolve("kv.db")).as("nothing opened").doesNotExist();
    }

    @Test
    void aStoreThatCannotBeServedKeyByKeyIsRefused() {
        CliRun run = CliRun.run("serve", "--store", "bundle:" + dir.resolve("b"), "--listen", "127.0.0.1:0");
        assertRefused(
                run,
                "--store bundle:" + dir.resolve("b")
                        + " is a bundle (exported files), not a store serve can read one key at a time");
        assertThat(run.err()).contains("hint: import it into a store and serve that: landfall import --from bundle:");
        assertThat(dir.resolve("b")).as("nothing created").doesNotExist();
    }

    @Test
    void theTokenFromTheEnvironmentIsNeverPrintedInARefusal() throws Exception {
        Path empty = dir.resolve("token");
        Files.writeString(empty, "");
        CliRun run = CliRun.run(
                Map.of("LANDFALL_SERVE_TOKEN", "env-secret-value"),
                "serve",
                "--store",
                "sqlite:" + dir.resolve("kv.db"),
                "--token-file",
                empty.toString());
        assertRefused(run, "--token-file " + empty + " is empty");
        assertThat(run.out() + run.err()).doesNotContain("env-secret-value");
    }

    @Test
    void aBadCacheSizeIsRefused() {
        assertRefused(
                CliRun.run("serve", "--store", "sqlite:" + dir.resolve("kv.db"), "--cache-bytes", "big"),
                "--cache-bytes big is not a size");
    }
}
