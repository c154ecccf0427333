package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code cutover}'s follower-lag flags come together or not at all, and a bad one is refused
 * before anything is read: no spec is given, so a flag that passed would fail on the spec instead.
 */
class CutoverFollowLagFlagsTest {
    private static String refusal(String... flags) {
        String[] args = new String[flags.length + 3];
        args[0] = "cutover";
        args[1] = "--spec";
        args[2] = "/nonexistent/landfall.yaml";
        System.arraycopy(flags, 0, args, 3, flags.length);
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("landfall.yaml");
        return run.err();
    }

    @Test
    void aBoundOrTimeoutWithoutTheFollowersAddressIsRefused() {
        assertThat(refusal("--max-follow-lag", "5s"))
                .contains("--max-follow-lag needs --follow-status")
                .contains("--follow-status http://HOST:PORT");
        assertThat(refusal("--max-follow-lag-changes", "1000"))
                .contains("--max-follow-lag-changes needs --follow-status");
        assertThat(refusal("--follow-lag-timeout", "1m")).contains("--follow-lag-timeout needs --follow-status");
    }

    @Test
    void theFollowersAddressWithoutABoundIsRefused() {
        assertThat(refusal("--follow-status", "http://127.0.0.1:9464"))
                .contains("--follow-status http://127.0.0.1:9464 needs a bound")
                .contains("--max-follow-lag 5s");
        assertThat(refusal("--follow-status", "http://127.0.0.1:9464", "--follow-lag-timeout", "1m"))
                .contains("needs a bound");
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        String url = "http://127.0.0.1:9464";
        assertThat(refusal("--follow-status", "127.0.0.1:9464", "--max-follow-lag", "5s"))
                .contains("--follow-status 127.0.0.1:9464 is not an http(s) URL");
        assertThat(refusal("--follow-status", url, "--max-follow-lag", "soon")).contains("--max-follow-lag soon");
        assertThat(refusal("--follow-status", url, "--max-follow-lag-changes", "-1"))
                .contains("--max-follow-lag-changes -1 cannot be negative");
        assertThat(refusal("--follow-status", url, "--max-follow-lag-changes", "many"))
                .contains("--max-follow-lag-changes");
        assertThat(refusal("--follow-status", url, "--max-follow-lag", "5s", "--follow-lag-timeout", "0"))
                .contains("--follow-lag-timeout 0 must be above 0");
    }

    @Test
    void aGoodSetPassesOnToTheSpec() {
        CliRun run = CliRun.run(
                "cutover",
                "--spec",
                "/nonexistent/landfall.yaml",
                "--follow-status",
                "http://127.0.0.1:9464",
                "--max-follow-lag",
                "5s",
                "--max-follow-lag-changes",
                "0",
                "--follow-lag-timeout",
                "30s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("landfall.yaml").doesNotContain("follow");
    }
}
