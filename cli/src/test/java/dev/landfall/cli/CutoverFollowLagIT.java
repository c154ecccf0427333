package dev.landfall.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.StatusAddress;
import dev.landfall.core.status.StatusServer;
import dev.landfall.infra.cutover.FakeAws;
import dev.landfall.infra.cutover.FakeFollower;
import dev.landfall.infra.spec.SpecExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall cutover --follow-status} end to end on loopback: the follower's status pages are
 * a real status server in front of a follower whose lag the test sets, Global Accelerator and
 * ECS answer from WireMock, and a region's dial moves only while the follower is within the bound.
 */
class CutoverFollowLagIT {
    @TempDir
    Path dir;

    private final FakeAws aws = new FakeAws().region("us-east-1", 100).region("eu-west-1", 0);
    private final FakeFollower follower = new FakeFollower();
    private WireMockServer awsServer;
    private StatusServer status;
    private Path spec;

    @BeforeEach
    void start() throws IOException {
        awsServer = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(aws));
        awsServer.start();
        awsServer.stubFor(post(urlEqualTo("/")).willReturn(ok()));
        status = StatusServer.start(StatusAddress.parse("127.0.0.1:0"), follower, new Metrics(), Clock.systemUTC());
        spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, SpecExample.text());
    }

    @AfterEach
    void stop() {
        awsServer.stop();
        status.close();
    }

    private CliRun cutover(String url, String... extra) {
        String[] base = {
            "cutover",
            "--spec",
            spec.toString(),
            "--state",
            dir.resolve("state.json").toString(),
            "--region",
            "eu-west-1",
            "--steps",
            "10,100",
            "--bake",
            "1s",
            "--no-verify",
            "--follow-status",
            url,
            "--max-follow-lag",
            "5s",
            "--follow-lag-timeout",
            "2s"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.run(
                Map.of(
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:" + awsServer.port(),
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "aws-secret-never-printed"),
                args);
    }

    @Test
    void aFollowerWithinTheBoundLetsEveryStepGo() {
        follower.behind(40, Duration.ofMillis(1200));

        CliRun run = cutover(status.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.dial("eu-west-1")).isEqualTo(100.0);
        assertThat(run.err())
                .contains("cutover: follower: lag 1.2s, 40 changes waiting, within lag at most 5s")
                .contains("step 2/2 (100%) passed");
    }

    @Test
    void aFollowerBehindBlocksTheFirstStepAndNoDialMoves() {
        follower.behind(9000, Duration.ofSeconds(30));

        CliRun run = cutover(status.url(), "--max-follow-lag-changes", "1000");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(run.err()).contains("cutover: waiting up to 2s for the follower: lag 30s is over the bound of 5s");
        assertThat(run.out())
                .contains("BLOCKED; traffic at 0%")
                .contains("was not within lag at most 5s and at most 1000 changes waiting for 2s")
                .contains("lag 30s is over the bound of 5s and 9000 changes wait, over the bound of 1000")
                .contains("continue with --resume");
        assertThat(run.out() + run.err()).doesNotContain("aws-secret-never-printed");
    }

    @Test
    void aFollowerThatHasNotMeasuredItsLagBlocksToo() {
        CliRun run = cutover(status.url());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(run.out()).contains("BLOCKED").contains("its lag is not measured yet");
    }

    @Test
    void anUnreachableFollowerBlocksAndTheResumeGoesOnOnceItIsBack() {
        String url = status.url();
        status.close();

        CliRun blocked = cutover(url);

        assertThat(blocked.exitCode()).isEqualTo(3);
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(blocked.out()).contains("BLOCKED").contains("its status page " + url + "/statusz cannot be read");

        // The follower is back on another port: an address may change on resume, and it says so.
        follower.behind(0, Duration.ZERO);
        status = StatusServer.start(StatusAddress.parse("127.0.0.1:0"), follower, new Metrics(), Clock.systemUTC());
        CliRun resumed = cutover(status.url(), "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err())
                .contains("cutover: --follow-status " + status.url() + " instead of --follow-status " + url
                        + ", which the cutover was started with");
        assertThat(aws.dial("eu-west-1")).isEqualTo(100.0);
    }

    @Test
    void aDryRunReadsTheFollowerAndNotesTheWait() {
        follower.behind(9000, Duration.ofSeconds(30));

        CliRun run = cutover(status.url(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("read   http:GET  " + status.url() + "/statusz")
                .contains("would  wait up to 2s for the follower: lag 30s is over the bound of 5s")
                .contains("would  globalaccelerator:UpdateEndpointGroup");
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
    }
}
