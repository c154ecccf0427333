package dev.landfall.infra.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.CutoverState.Status;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * The cutover's AWS side through the real SDK against a Global Accelerator and ECS that answer
 * the AWS JSON 1.1 protocol in WireMock; every request is checked against AWS's service models.
 */
class CutoverRunTest {
    private static final List<Double> STEPS = List.of(1.0, 5.0, 25.0, 50.0, 100.0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeAws aws = new FakeAws().region("eu-west-1", 0).region("us-east-1", 100);
    private WireMockServer server;
    private GlobalAcceleratorClient ga;
    private EcsClient ecs;
    private final List<String> progress = new ArrayList<>();
    private final List<String> journalLines = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(aws));
        server.start();
        server.stubFor(post(urlEqualTo("/")).willReturn(ok()));
        AwsClients clients = AwsClients.at(
                URI.create("http://127.0.0.1:" + server.port()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "never-printed-secret")),
                RetryMode.STANDARD);
        ga = clients.globalAccelerator();
        ecs = clients.ecs("eu-west-1");
    }

    @AfterEach
    void stop() {
        ga.close();
        ecs.close();
        server.stop();
    }

    private CutoverRun run(StepGate gate, CallJournal journal) {
        AcceleratorTopology topology = AcceleratorTopology.locate(ga, "api", 443, journal);
        EndpointGroupDial dial = dial(topology, journal);
        List<Precheck> checks =
                List.of(new EcsServiceSteady(ecs, "eu-west-1", "api", "api", journal), new EndpointsHealthy(dial));
        return new CutoverRun(dial, checks, gate, Duration.ofMinutes(5), journal, stateFile(), progress::add);
    }

    private EndpointGroupDial dial(AcceleratorTopology topology, CallJournal journal) {
        return new EndpointGroupDial(ga, topology.group("eu-west-1"), journal, d -> {}, Duration.ofMinutes(5));
    }

    private CutoverStateFile stateFile() {
        return new CutoverStateFile(dir.resolve("cutover.json"));
    }

    private CutoverState fresh(CutoverRun run, CallJournal journal) {
        return run.start(false, "api", STEPS, Map.of(), CLOCK);
    }

    @Test
    void everyStepSetsTheDialWaitsForDeploymentAndReadsItBack() {
        CallJournal journal = CallJournal.live(journalLines::add);
        List<Double> judged = new ArrayList<>();
        CutoverRun run = run(
                (step, percent, bake) -> {
                    judged.add(aws.groups.get("eu-west-1").dial);
                    return GateVerdict.pass("p99 4 ms");
                },
                journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.COMPLETED);
        assertThat(end.percent()).isEqualTo(100.0);
        assertThat(judged).as("each bake saw its step's dial in effect").containsExactlyElementsOf(STEPS);
        assertThat(aws.calls("UpdateEndpointGroup"))
                .extracting(c -> c.body().toString())
                .containsExactly(
                        "{\"EndpointGroupArn\":\"" + aws.groups.get("eu-west-1").arn
                                + "\",\"TrafficDialPercentage\":1.0}",
                        "{\"EndpointGroupArn\":\"" + aws.groups.get("eu-west-1").arn
                                + "\",\"TrafficDialPercentage\":5.0}",
                        "{\"EndpointGroupArn\":\"" + aws.groups.get("eu-west-1").arn
                                + "\",\"TrafficDialPercentage\":25.0}",
                        "{\"EndpointGroupArn\":\"" + aws.groups.get("eu-west-1").arn
                                + "\",\"TrafficDialPercentage\":50.0}",
                        "{\"EndpointGroupArn\":\"" + aws.groups.get("eu-west-1").arn
                                + "\",\"TrafficDialPercentage\":100.0}");
        assertThat(aws.groups.get("us-east-1").dial)
                .as("other regions untouched")
                .isEqualTo(100.0);
        assertThat(aws.modelViolations).isEmpty();
        assertThat(aws.calls)
                .allSatisfy(c -> assertThat(c.signingRegion())
                        .as(c.target() + " signed for")
                        .isEqualTo(c.target().startsWith("GlobalAccelerator") ? "us-west-2" : "eu-west-1"));
        // After each update: polls DescribeAccelerator until DEPLOYED (2 IN_PROGRESS + 1), then reads back.
        List<String> order = aws.calls.stream()
                .map(c -> c.target().substring(c.target().indexOf('.') + 1))
                .toList();
        int update = order.indexOf("UpdateEndpointGroup");
        assertThat(order.subList(update, update + 5))
                .containsExactly(
                        "UpdateEndpointGroup",
                        "DescribeAccelerator",
                        "DescribeAccelerator",
                        "DescribeAccelerator",
                        "DescribeEndpointGroup");
        assertThat(stateFile().read()).get().extracting(CutoverState::status).isEqualTo(Status.COMPLETED);
        assertThat(String.join("\n", progress) + String.join("\n", journalLines))
                .doesNotContain("never-printed-secret");
    }

    @Test
    void aBreachRollsBackToTheLastGoodStepAndSaysSo() {
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run(
                (step, percent, bake) -> step < 3 ? GateVerdict.pass("ok") : GateVerdict.breach("p99 31 ms > 10 ms"),
                journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(end.completedSteps()).isEqualTo(2);
        assertThat(aws.groups.get("eu-west-1").dial).isEqualTo(5.0);
        assertThat(end.percent()).isEqualTo(5.0);
        assertThat(aws.calls("UpdateEndpointGroup"))
                .extracting(c -> c.body().path("TrafficDialPercentage").asDouble())
                .containsExactly(1.0, 5.0, 25.0, 5.0);
        assertThat(end.history())
                .last()
                .asString()
                .contains("p99 31 ms > 10 ms")
                .contains("rolled back to 5%");
        assertThat(stateFile().read()).get().isEqualTo(end);
    }

    /**
     * Starting again after a rollback needs no hand work, and loses nothing: the ended run's state
     * moves aside beside the state file, named for how and when it ended, and the new run says so.
     */
    @Test
    void aNewCutoverAfterARollbackKeepsTheOldStateBesideItAndStartsClean() throws Exception {
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun first = run(
                (step, percent, bake) -> step < 3 ? GateVerdict.pass("ok") : GateVerdict.breach("p99 31 ms > 10 ms"),
                journal);
        CutoverState rolledBack =
                first.run(first.start(false, "api", STEPS, Map.of("--slo", List.of("p99<=10ms")), CLOCK));
        String oldText = Files.readString(stateFile().path());
        assertThatThrownBy(() -> first.start(true, "api", STEPS, Map.of(), CLOCK))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("already ended: ROLLED_BACK");

        CutoverRun second = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);
        CutoverState fresh = second.start(false, "api", STEPS, Map.of(), CLOCK);

        Path kept = dir.resolve("cutover.json.rolled-back-20260102T030405Z");
        assertThat(kept).hasContent(oldText);
        assertThat(stateFile().read()).as("nothing saved yet for the new run").isEmpty();
        assertThat(fresh.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(fresh.completedSteps()).isZero();
        assertThat(fresh.startPercent())
                .as("starts from where the rollback left traffic")
                .isEqualTo(5.0);
        assertThat(fresh.history()).isEmpty();
        assertThat(progress)
                .anySatisfy(line -> assertThat(line)
                        .contains("ended ROLLED_BACK at 5%")
                        .contains("kept as " + kept)
                        .contains("starting a new cutover"));
        assertThat(rolledBack.settings()).containsEntry("--slo", List.of("p99<=10ms"));

        CutoverState end = second.run(fresh);
        assertThat(end.status()).isEqualTo(Status.COMPLETED);
        second.start(false, "api", STEPS, Map.of(), CLOCK);
        assertThat(dir.resolve("cutover.json.completed-20260102T030405Z")).exists();
        assertThat(kept).as("an archive is never replaced").hasContent(oldText);

        CutoverRun third = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);
        third.run(third.start(false, "api", STEPS, Map.of(), CLOCK));
        third.start(false, "api", STEPS, Map.of(), CLOCK);
        assertThat(dir.resolve("cutover.json.completed-20260102T030405Z-2")).exists();
    }

    @Test
    void aDryRunOverAnEndedCutoverMovesNothing() {
        CallJournal live = CallJournal.live(journalLines::add);
        CutoverRun first = run((step, percent, bake) -> GateVerdict.breach("errors 4%"), live);
        first.run(first.start(false, "api", STEPS, Map.of(), CLOCK));

        CallJournal dry = CallJournal.dryRun(journalLines::add);
        CutoverRun plan = run((step, percent, bake) -> GateVerdict.pass("ok"), dry);
        plan.start(false, "api", STEPS, Map.of(), CLOCK);

        assertThat(stateFile().read()).get().extracting(CutoverState::status).isEqualTo(Status.ROLLED_BACK);
        assertThat(dir.resolve("cutover.json.rolled-back-20260102T030405Z")).doesNotExist();
        assertThat(journalLines)
                .anySatisfy(line -> assertThat(line).contains("cutover.json.rolled-back-20260102T030405Z"));
    }

    @Test
    void aBreachOnTheFirstStepRollsBackToWhereTrafficStarted() {
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.breach("errors 4%"), journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(aws.groups.get("eu-west-1").dial).isEqualTo(0.0);
    }

    @Test
    void anUnhealthyEndpointStopsTheRolloutBeforeTrafficMoves() {
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run(
                (step, percent, bake) -> {
                    aws.groups.get("eu-west-1").health = "UNHEALTHY";
                    return GateVerdict.pass("ok");
                },
                journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.BLOCKED);
        assertThat(end.percent()).isEqualTo(1.0);
        assertThat(aws.calls("UpdateEndpointGroup")).hasSize(1);
        assertThat(end.history())
                .last()
                .asString()
                .contains("step 2/5 (5%) not started")
                .contains("UNHEALTHY");
    }

    @Test
    void anEcsServiceStillRollingOutStopsTheRollout() {
        aws.services.get("eu-west-1").rollout = "IN_PROGRESS";
        aws.services.get("eu-west-1").running = 1;
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.BLOCKED);
        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(end.history().get(0)).contains("runs 1 of 2 tasks").contains("rollout is IN_PROGRESS");
    }

    @Test
    void throttlingIsRetriedBySdk() {
        aws.throttleNext.put("UpdateEndpointGroup", 2);
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);

        CutoverState end = run.run(fresh(run, journal));

        assertThat(end.status()).isEqualTo(Status.COMPLETED);
        assertThat(aws.calls("UpdateEndpointGroup")).hasSize(STEPS.size() + 2);
    }

    @Test
    void throttlingBeyondTheRetriesIsATransientFailureThatSaysWhatToDo() {
        aws.throttleNext.put("UpdateEndpointGroup", 100);
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);
        CutoverState start = fresh(run, journal);

        assertThatThrownBy(() -> run.run(start)).isInstanceOfSatisfying(LandfallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
            assertThat(e.getMessage()).contains("globalaccelerator:UpdateEndpointGroup was throttled");
            assertThat(e.hint()).get().asString().contains("--resume");
        });
    }

    @Test
    void accessDeniedNamesTheMissingPermission() {
        aws.denied.put(
                "UpdateEndpointGroup",
                "User: arn:aws:iam::111122223333:user/ops is not authorized to perform: globalaccelerator:UpdateEndpointGroup");
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);
        CutoverState start = fresh(run, journal);

        assertThatThrownBy(() -> run.run(start)).isInstanceOfSatisfying(LandfallException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("globalaccelerator:UpdateEndpointGroup was refused");
            assertThat(e.hint()).get().asString().contains("grant globalaccelerator:UpdateEndpointGroup");
        });
        assertThat(aws.groups.get("eu-west-1").dial).isEqualTo(0.0);
    }

    @Test
    void aDryRunPrintsEveryCallInOrderAndChangesNothing() {
        CallJournal journal = CallJournal.dryRun(journalLines::add);
        CutoverRun run = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);

        run.run(fresh(run, journal));

        assertThat(aws.calls("UpdateEndpointGroup")).isEmpty();
        assertThat(stateFile().read()).isEmpty();
        assertThat(journalLines)
                .filteredOn(line -> line.startsWith("would  globalaccelerator:"))
                .extracting(line -> line.substring(line.lastIndexOf('=') + 1))
                .containsExactly("1", "5", "25", "50", "100");
        assertThat(journalLines.get(0)).startsWith("read   globalaccelerator:ListAccelerators");
        assertThat(journalLines).anySatisfy(line -> assertThat(line).startsWith("read   ecs:DescribeServices"));
        assertThat(journalLines)
                .anySatisfy(line -> assertThat(line).contains("on a breach set the eu-west-1 traffic dial back to 0%"));
    }

    @Test
    void ctrlCDuringABakeLeavesTrafficWhereItIsAndResumeContinues() {
        CallJournal journal = CallJournal.live(journalLines::add);
        CutoverRun first = run(
                (step, percent, bake) -> {
                    if (step == 2) {
                        throw new CutoverStopped();
                    }
                    return GateVerdict.pass("ok");
                },
                journal);
        CutoverState start = fresh(first, journal);
        assertThatThrownBy(() -> first.run(start)).isInstanceOf(CutoverStopped.class);
        CutoverState saved = stateFile().read().orElseThrow();
        assertThat(saved.completedSteps()).isEqualTo(1);
        assertThat(saved.percent()).isEqualTo(5.0);
        assertThat(aws.groups.get("eu-west-1").dial).isEqualTo(5.0);
        assertThat(progress).last().asString().contains("stays at 5%");

        CutoverRun second = run((step, percent, bake) -> GateVerdict.pass("ok"), journal);
        assertThatThrownBy(() -> second.start(false, "api", STEPS, Map.of(), CLOCK))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("still in progress");
        CutoverState resumed = second.start(true, "api", STEPS, Map.of("--bake", List.of("5m")), CLOCK);
        assertThat(resumed.settings())
                .as("a resume keeps the settings it ran with")
                .containsKey("--bake");
        CutoverState end = second.run(resumed);

        assertThat(end.status()).isEqualTo(Status.COMPLETED);
        assertThat(aws.calls("UpdateEndpointGroup"))
                .extracting(c -> c.body().path("TrafficDialPercentage").asDouble())
                .containsExactly(1.0, 5.0, 5.0, 25.0, 50.0, 100.0);
    }

    @Test
    void ctrlCWhileADialChangeDeploysSavesWhereTrafficReallyIs() {
        CallJournal journal = CallJournal.live(journalLines::add);
        AcceleratorTopology topology = AcceleratorTopology.locate(ga, "api", 443, journal);
        int[] waits = {0};
        // The second step's UpdateEndpointGroup lands, then Ctrl-C arrives while waiting for DEPLOYED.
        EndpointGroupDial dial = new EndpointGroupDial(
                ga,
                topology.group("eu-west-1"),
                journal,
                d -> {
                    if (++waits[0] == 3) {
                        Thread.currentThread().interrupt();
                        throw new CutoverStopped();
                    }
                },
                Duration.ofMinutes(5));
        CutoverRun run = new CutoverRun(
                dial,
                List.of(),
                (step, percent, bake) -> GateVerdict.pass("ok"),
                Duration.ofMinutes(5),
                journal,
                stateFile(),
                progress::add);
        CutoverState start = run.start(false, "api", STEPS, Map.of(), CLOCK);

        assertThatThrownBy(() -> run.run(start)).isInstanceOf(CutoverStopped.class);

        assertThat(aws.groups.get("eu-west-1").dial).isEqualTo(5.0);
        CutoverState saved = stateFile().read().orElseThrow();
        assertThat(saved.percent()).isEqualTo(5.0);
        assertThat(saved.completedSteps()).isEqualTo(1);
        assertThat(progress).last().asString().contains("is at 5%");
        assertThat(Thread.interrupted()).as("the stop was acknowledged").isFalse();
    }

    @Test
    void aMissingAcceleratorSaysWhichStackToDeploy() {
        aws.acceleratorName = "something-else";
        assertThatThrownBy(() -> AcceleratorTopology.locate(ga, "api", 443, CallJournal.live(s -> {})))
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("no Global Accelerator named api in this account");
                    assertThat(e.hint()).get().asString().contains("deploy the global stack");
                });
    }

    @Test
    void aRegionWithoutEndpointGroupListsTheOnesThatExist() {
        AcceleratorTopology topology = AcceleratorTopology.locate(ga, "api", 443, CallJournal.live(s -> {}));
        assertThatThrownBy(() -> topology.group("ap-south-1"))
                .hasMessageContaining("no endpoint group for ap-south-1 (it has: eu-west-1, us-east-1)");
    }
}
