package dev.landfall.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Key;
import dev.landfall.infra.cutover.FakeAws;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall cutover} end to end on loopback: two local servers stand for the old and the new
 * service, Global Accelerator and ECS answer from WireMock, the edge split's dial key lives in the
 * sandbox's KV, and each bake runs a real dual run between the two servers.
 */
class CutoverCommandIT {
    @TempDir
    Path dir;

    private final FakeAws aws = new FakeAws().region("us-east-1", 100).region("eu-west-1", 0);
    private WireMockServer awsServer;
    private HttpServer oldServer;
    private HttpServer newServer;
    private Path spec;
    private Path requests;

    @BeforeEach
    void start() throws IOException {
        awsServer = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(aws));
        awsServer.start();
        awsServer.stubFor(post(urlEqualTo("/")).willReturn(ok()));
        oldServer = KeyService.start(() -> 0);
        // The new service slows to 300 ms per answer once eu-west-1's dial reaches 50%.
        newServer = KeyService.start(() -> aws.dial("eu-west-1") >= 50 ? 300 : 0);
        requests = dir.resolve("requests.ndjson");
        Files.writeString(
                requests,
                "{\"method\":\"GET\",\"path\":\"/v1/keys/a\"}\n{\"method\":\"GET\",\"path\":\"/v1/keys/b\"}\n");
        spec = dir.resolve("landfall.yaml");
        Files.writeString(
                spec,
                SpecExample.text()
                        .replace(
                                "https://api-worker.example.workers.dev",
                                "http://127.0.0.1:" + oldServer.getAddress().getPort())
                        .replace(
                                "https://new-api.example.com",
                                "http://127.0.0.1:" + newServer.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        awsServer.stop();
        oldServer.stop(0);
        newServer.stop(0);
    }

    private Map<String, String> awsEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + awsServer.port());
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret-never-printed");
        return env;
    }

    private CliRun cutover(Map<String, String> env, String... extra) {
        String[] base = {
            "cutover",
            "--spec",
            spec.toString(),
            "--state",
            dir.resolve("state.json").toString(),
            "--requests",
            requests.toString(),
            "--rate",
            "40",
            "--slo",
            "p50<=150ms,errors<=1%,mismatch<=1%"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.run(env, args);
    }

    @Test
    void raisingTheNewServersLatencyMidRolloutRollsBackToTheLastGoodStep() {
        CliRun run = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,50,100", "--bake", "3s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(aws.dial("eu-west-1")).isEqualTo(10.0);
        assertThat(aws.calls("UpdateEndpointGroup"))
                .extracting(c -> c.body().path("TrafficDialPercentage").asDouble())
                .containsExactly(10.0, 50.0, 10.0);
        assertThat(run.err()).contains("step 1/3 (10%) passed").contains("step 2/3 (50%) breached");
        assertThat(run.out())
                .contains("ROLLED_BACK; traffic at 10%")
                .contains("p50<=150ms")
                .contains("--parameter-overrides TrafficDialEuWest1=10")
                .contains("traffic_dial_eu_west_1 = 10");
        assertThat(run.out() + run.err()).doesNotContain("aws-secret-never-printed");
        assertThat(aws.modelViolations()).isEmpty();
    }

    /**
     * A new cutover after a rollback needs no hand work: the rolled-back state is kept beside the
     * state file, the new run says so and starts from where traffic is.
     */
    @Test
    void aNewCutoverAfterARollbackKeepsTheOldStateAsideAndStarts() throws IOException {
        Path state = dir.resolve("state.json");
        CliRun first = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,50,100", "--bake", "3s");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(3);
        assertThat(first.out()).contains("run the cutover again (without --resume)");
        String rolledBack = Files.readString(state);

        CliRun again = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10", "--bake", "2s");

        assertThat(again.exitCode()).as(again.err()).isZero();
        List<Path> kept;
        try (var files = Files.list(dir)) {
            kept = files.filter(f -> f.getFileName().toString().startsWith("state.json.rolled-back-"))
                    .toList();
        }
        assertThat(kept).singleElement().satisfies(file -> assertThat(file).hasContent(rolledBack));
        assertThat(kept.get(0).getFileName().toString()).matches("state\\.json\\.rolled-back-\\d{8}T\\d{6}Z");
        assertThat(again.err())
                .contains("ended ROLLED_BACK at 10%; its state is kept as " + kept.get(0) + "; starting a new cutover");
        assertThat(again.out()).contains("COMPLETED; traffic at 10%");
    }

    /**
     * --resume alone continues with every option the cutover started with (region, steps, bake,
     * requests, rate, SLO); an option repeated with the same value is accepted, a different one
     * refused before anything moves.
     */
    @Test
    void resumeKeepsEveryOptionOfTheRunItContinues() {
        aws.health("eu-west-1", "UNHEALTHY");
        CliRun blocked = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,40", "--bake", "2s");
        assertThat(blocked.exitCode()).as(blocked.err()).isEqualTo(3);
        assertThat(blocked.out()).contains("BLOCKED");
        aws.health("eu-west-1", "HEALTHY");
        String state = dir.resolve("state.json").toString();

        CliRun conflicting = CliRun.run(
                awsEnv(), "cutover", "--spec", spec.toString(), "--state", state, "--resume", "--steps", "20,40");
        assertThat(conflicting.exitCode()).as(conflicting.err()).isEqualTo(2);
        assertThat(conflicting.err())
                .contains("--resume: --steps 20,40 differs from --steps 10,40, which the cutover in")
                .contains("hint: leave --steps out to keep the cutover's");
        CliRun otherSlo = CliRun.run(
                awsEnv(), "cutover", "--spec", spec.toString(), "--state", state, "--resume", "--slo", "p99<=1s");
        assertThat(otherSlo.exitCode()).as(otherSlo.err()).isEqualTo(2);
        assertThat(otherSlo.err()).contains("--slo 'p99<=1s' differs from --slo 'p50<=150ms,errors<=1%,mismatch<=1%'");
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();

        CliRun resumed = CliRun.run(
                awsEnv(), "cutover", "--spec", spec.toString(), "--state", state, "--resume", "--bake", "2s");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err())
                .contains("resuming " + state + " with the options it was started with: --spec " + spec
                        + " --requests " + requests + " --rate 40 --slo 'p50<=150ms,errors<=1%,mismatch<=1%'"
                        + " --region eu-west-1 --steps 10,40 --bake 2s --baseline http://127.0.0.1:"
                        + oldServer.getAddress().getPort() + " --candidate http://127.0.0.1:"
                        + newServer.getAddress().getPort())
                .contains("judging each bake by the SLO p50<=150ms,errors<=1%,mismatch<=1% (as the cutover was"
                        + " started)");
        assertThat(aws.calls("UpdateEndpointGroup"))
                .extracting(c -> c.body().path("TrafficDialPercentage").asDouble())
                .containsExactly(10.0, 40.0);
        assertThat(resumed.out()).contains("COMPLETED; traffic at 40%");
    }

    @Test
    void theSloTheGateJudgesByIsSaidAtTheStartAndFlagBeatsSpec() {
        CliRun flag = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,100", "--bake", "5m", "--dry-run");
        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.err())
                .contains("cutover: judging each bake by the SLO p50<=150ms,errors<=1%,mismatch<=1% (--slo)");

        CliRun fromSpec = CliRun.run(
                awsEnv(),
                "cutover",
                "--spec",
                spec.toString(),
                "--region",
                "eu-west-1",
                "--requests",
                requests.toString(),
                "--dry-run");
        assertThat(fromSpec.exitCode()).as(fromSpec.err()).isZero();
        assertThat(fromSpec.err())
                .contains("cutover: judging each bake by the SLO p99<=50ms,errors<=0.1%,mismatch<=0.1% (cutover.slo of "
                        + spec + ")");
    }

    @Test
    void aHealthyRolloutCompletesAndAResumeOfItIsRefused() {
        CliRun run = cutover(awsEnv(), "--region", "us-east-1", "--steps", "50,100", "--bake", "2s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("COMPLETED; traffic at 100%");

        CliRun again = cutover(awsEnv(), "--region", "us-east-1", "--steps", "50,100", "--bake", "2s", "--resume");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already ended: COMPLETED");
    }

    @Test
    void anUnhealthyEndpointBlocksTheRolloutBeforeAnyTrafficMoves() {
        aws.health("eu-west-1", "UNHEALTHY");
        CliRun run = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,100", "--bake", "2s");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(run.out()).contains("BLOCKED").contains("is UNHEALTHY");
    }

    @Test
    void aDryRunPrintsTheCallsAndChangesNothing() {
        CliRun run = cutover(awsEnv(), "--region", "eu-west-1", "--steps", "10,100", "--bake", "5m", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("would  globalaccelerator:UpdateEndpointGroup")
                .contains("TrafficDialPercentage=10")
                .contains("TrafficDialPercentage=100")
                .contains("dry run: nothing was changed");
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(dir.resolve("state.json")).doesNotExist();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void theEdgeSplitDialIsWrittenThroughTheCloudflareApi(boolean readSplit) throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("CUTOVER=1")))
                .build())) {
            String namespace = sandbox.kvNamespaces().get(0).namespaceId();
            Files.writeString(
                    spec,
                    Files.readString(spec)
                            .replace("  # edge:\n", "  edge:\n")
                            .replace("  #   worker: api-worker", "    worker: api-worker")
                            .replace(
                                    "  #   dialNamespace: 0123456789abcdef0123456789abcdef",
                                    "    dialNamespace: " + namespace));
            Map<String, String> env = new HashMap<>(awsEnv());
            env.putAll(sandbox.environment());

            List<String> args =
                    new java.util.ArrayList<>(List.of("--steps", "25,100", "--bake", "2s", "--edge-propagation", "0s"));
            if (readSplit) {
                args.add("--read-split");
            }
            CliRun run = cutover(env, args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            readSplit
                                    ? "cutover of the edge read split: COMPLETED"
                                    : "cutover of the edge split: COMPLETED");
            try (CloudflareClient client = new CloudflareClient(
                    new CloudflareEndpoint(sandbox.baseUrl(), sandbox.accountId(), Secret.of(sandbox.token())),
                    CloudflareClientOptions.defaults())) {
                String dial = new String(
                        client.getValue(namespace, Key.of("landfall-cutover"))
                                .orElseThrow()
                                .bytes(),
                        StandardCharsets.UTF_8);
                assertThat(dial)
                        .as("--read-split moves reads only: the dial says so")
                        .isEqualTo(
                                readSplit
                                        ? "{\"version\":1,\"percent\":100,\"shadow\":0,\"split\":true}"
                                        : "{\"version\":1,\"percent\":100,\"shadow\":0}");
            }
            assertThat(aws.calls("UpdateEndpointGroup"))
                    .as("the edge split moves no region dial")
                    .isEmpty();
            assertThat(aws.calls("DescribeServices"))
                    .as("both regions checked before each step")
                    .hasSize(4);
            assertThat(run.out() + run.err()).doesNotContain(sandbox.token());
        }
    }

    @Test
    void badInputExitsTwoBeforeAnyAwsCall() throws IOException {
        assertThat(cutover(awsEnv(), "--region", "ap-south-1").err()).contains("--region ap-south-1 is not one of");
        assertThat(cutover(awsEnv(), "--region", "eu-west-1", "--read-split").err())
                .contains("the read split moves the edge split's reads");
        assertThat(cutover(awsEnv()).err()).contains("the spec has no cutover.edge");
        assertThat(cutover(awsEnv(), "--region", "eu-west-1", "--steps", "50,10")
                        .exitCode())
                .isEqualTo(2);
        assertThat(cutover(awsEnv(), "--region", "eu-west-1", "--bake", "soon").exitCode())
                .isEqualTo(2);
        assertThat(cutover(awsEnv(), "--region", "eu-west-1", "--slo", "fast please")
                        .exitCode())
                .isEqualTo(2);
        String text = Files.readString(spec);
        int edge = text.indexOf("  # edge:");
        Files.writeString(
                spec,
                text.substring(0, edge)
                        + text.substring(edge).replace("  # edge:", "  edge:").replace("  #   ", "    "));
        CliRun underTheSplit = cutover(awsEnv(), "--region", "eu-west-1", "--baseline", "https://api.example.com/v1");
        assertThat(underTheSplit.exitCode()).isEqualTo(2);
        assertThat(underTheSplit.err())
                .contains("--baseline https://api.example.com/v1 is under cutover.edge.routes[0] (api.example.com/*)")
                .contains("workers.dev");
        Map<String, String> env = awsEnv();
        env.put("AWS_ENDPOINT_URL", "not a url");
        assertThat(cutover(env, "--region", "eu-west-1").exitCode()).isEqualTo(2);
        assertThat(aws.allCalls()).isEmpty();
    }
}
