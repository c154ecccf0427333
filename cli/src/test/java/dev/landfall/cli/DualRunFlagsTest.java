package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify latency and cutover read --rate, --connections, --slo and --ignore with one syntax. */
class DualRunFlagsTest {
    @TempDir
    Path dir;

    @Test
    void cutoverTakesRatePerSecondLikeVerifyLatency() {
        // The spec is missing, so the run stops there: after --rate 500/s was read.
        CliRun run = CliRun.run("cutover", "--spec", dir.resolve("none.yaml").toString(), "--rate", "500/s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("--rate").contains("none.yaml");
    }

    @Test
    void bothCommandsRefuseTheSameBadValuesTheSameWay() {
        for (String command : new String[] {"cutover", "verify latency"}) {
            String[] base = command.split(" ");
            assertThat(refusal(base, "--rate", "fast")).contains("--rate fast is not a rate above 0");
            assertThat(refusal(base, "--connections", "0")).contains("--connections 0 is out of range");
            assertThat(refusal(base, "--slo", "p99<10")).contains("--slo 'p99<10'");
            assertThat(refusal(base, "--ignore", "items")).contains("--ignore items must start with $");
        }
    }

    private String refusal(String[] command, String flag, String value) {
        String[] args = new String[command.length + 6];
        System.arraycopy(command, 0, args, 0, command.length);
        int i = command.length;
        args[i++] = "--baseline";
        args[i++] = "http://127.0.0.1:1";
        args[i++] = "--candidate";
        args[i++] = "http://127.0.0.1:2";
        args[i++] = flag;
        args[i] = value;
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        return run.err();
    }
}
