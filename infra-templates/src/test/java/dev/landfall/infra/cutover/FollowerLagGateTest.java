package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.StatusAddress;
import dev.landfall.core.status.StatusServer;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower's lag gate against a real status server in front of a follower whose status the
 * test sets. Waits go through a pause that moves a fake clock, so a five-minute wait takes no time
 * and the test sees each wait the gate asked for.
 */
class FollowerLagGateTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final FollowerLagBound FIVE_SECONDS =
            new FollowerLagBound(Optional.of(Duration.ofSeconds(5)), OptionalLong.empty());

    private final FakeClock clock = new FakeClock(FakeFollower.STARTED.plusSeconds(3600));
    private final FakeFollower follower = new FakeFollower();
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final List<String> journalLines = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private IntConsumer onWait = n -> {};

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private String follower() {
        StatusServer server = StatusServer.start(StatusAddress.parse("127.0.0.1:0"), follower, new Metrics(), clock);
        open.add(server);
        return server.url();
    }

    private FollowerLagGate gate(String url, FollowerLagBound bound, CallJournal journal) {
        Pause pause = d -> {
            waits.add(d);
            clock.advance(d);
            onWait.accept(waits.size());
        };
        FollowerLagGate gate =
                new FollowerLagGate(FollowerStatusPage.at(url), bound, TIMEOUT, clock, pause, journal, progress::add);
        open.add(gate);
        return gate;
    }

    private FollowerLagGate gate(String url, FollowerLagBound bound) {
        return gate(url, bound, CallJournal.live(journalLines::add));
    }

    private Duration waited() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void aFollowerWithinTheBoundLetsTheStepGoAtOnce() {
        follower.behind(12, Duration.ofMillis(1500));

        List<String> problems = gate(follower(), FIVE_SECONDS).problems();

        assertThat(problems).isEmpty();
        assertThat(waits).isEmpty();
        assertThat(progress).containsExactly("follower: lag 1.5s, 12 changes waiting, within lag at most 5s");
        assertThat(journalLines).singleElement().asString().contains("http:GET").endsWith("/statusz");
    }

    @Test
    void aLagExactlyAtTheBoundIsWithinIt() {
        follower.behind(1000, Duration.ofSeconds(5));
        FollowerLagBound both = new FollowerLagBound(Optional.of(Duration.ofSeconds(5)), OptionalLong.of(1000));

        assertThat(gate(follower(), both).problems()).isEmpty();
    }

    @Test
    void aFollowerOverTheBoundIsWaitedForThenTheStepIsRefusedNamingTheLagAndTheBound() {
        follower.behind(300, Duration.ofMillis(12_500));

        List<String> problems = gate(follower(), FIVE_SECONDS).problems();

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("was not within lag at most 5s for 1m")
                .contains("lag 12.5s is over the bound of 5s")
                .contains("last seen: lag 12.5s, 300 changes waiting")
                .contains("--resume");
        assertThat(waited()).as("it waited out the timeout, no more").isEqualTo(TIMEOUT);
        assertThat(waits)
                .as("re-read at 1 s, doubling to 10 s")
                .startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8))
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(progress).containsExactly("waiting up to 1m for the follower: lag 12.5s is over the bound of 5s");
    }

    @Test
    void tooManyChangesWaitingIsOverTheBoundEvenWhenTheyAreYoung() {
        follower.behind(2000, Duration.ofMillis(200));
        FollowerLagBound both = new FollowerLagBound(Optional.of(Duration.ofSeconds(5)), OptionalLong.of(1000));

        assertThat(gate(follower(), both).problems())
                .singleElement()
                .asString()
                .contains("2000 changes wait, over the bound of 1000")
                .doesNotContain("is over the bound of 5s");
    }

    @Test
    void aLagNotMeasuredYetIsNotWithinAnyBound() {
        FollowerLagBound changesOnly = new FollowerLagBound(Optional.empty(), OptionalLong.of(1000));

        assertThat(gate(follower(), changesOnly).problems())
                .singleElement()
                .asString()
                .contains("its lag is not measured yet")
                .contains("last seen: lag not measured, changes waiting not measured");
        assertThat(waited()).isEqualTo(TIMEOUT);
    }

    @Test
    void anUnreachableFollowerIsWaitedForThenRefused() throws Exception {
        String url = follower();
        open.remove(0).close(); // the follower stopped: its port is closed

        assertThat(gate(url, FIVE_SECONDS).problems())
                .singleElement()
                .asString()
                .contains("its status page " + url + "/statusz cannot be read")
                .contains("last seen: no lag read");
        assertThat(waited()).isEqualTo(TIMEOUT);
    }

    @Test
    void aPageThatIsNotTheFollowersJsonIsNotReady() throws IOException {
        String html = page(200, "text/html", "<html>a dashboard</html>");
        String otherJson = page(200, "application/json", "{\"version\":1,\"status\":\"ok\"}");
        String missing = page(404, "text/plain", "not found");

        assertThat(gate(html, FIVE_SECONDS).problems())
                .singleElement()
                .asString()
                .contains("it answered text/html, not JSON");
        assertThat(gate(otherJson, FIVE_SECONDS).problems())
                .singleElement()
                .asString()
                .contains("not a Landfall status page");
        assertThat(gate(missing, FIVE_SECONDS).problems())
                .singleElement()
                .asString()
                .contains("it answered HTTP 404");
    }

    @Test
    void aFollowerThatCatchesUpWhileWaitedForLetsTheStepGo() {
        follower.behind(5000, Duration.ofSeconds(40));
        onWait = n -> {
            if (n == 3) {
                follower.behind(10, Duration.ofMillis(800));
            }
        };

        List<String> problems = gate(follower(), FIVE_SECONDS).problems();

        assertThat(problems).isEmpty();
        assertThat(waits).hasSize(3);
        assertThat(progress)
                .containsExactly(
                        "waiting up to 1m for the follower: lag 40s is over the bound of 5s",
                        "the follower caught up: lag 0.8s, 10 changes waiting, within lag at most 5s");
    }

    @Test
    void anErrorNoEarlierCheckSawCostsOneMoreReadAndAnOldOneNone() {
        follower.behind(3, Duration.ofSeconds(1))
                .failed("trimming change-log shard 2 failed: timeout", FakeFollower.STARTED.plusSeconds(60));
        FollowerLagGate gate = gate(follower(), FIVE_SECONDS);

        assertThat(gate.problems()).isEmpty();
        assertThat(waits).as("read again once: the error was not newer then").hasSize(1);
        assertThat(progress.get(0))
                .isEqualTo("waiting up to 1m for the follower: it reported an error at 2026-03-01T12:01:00Z that no"
                        + " earlier check saw: trimming change-log shard 2 failed: timeout");

        assertThat(gate.problems())
                .as("the next step: the same error is old news")
                .isEmpty();
        assertThat(waits).hasSize(1);

        follower.failed("reading change-log shard 1 failed: HTTP 503", FakeFollower.STARTED.plusSeconds(3500));
        assertThat(gate.problems()).isEmpty();
        assertThat(waits)
                .as("a newer error since the previous check: read again")
                .hasSize(2);
        assertThat(progress)
                .anySatisfy(line -> assertThat(line)
                        .contains("that the previous check had not seen: reading change-log shard 1 failed"));
    }

    @Test
    void errorsThatKeepComingHoldTheStepUntilTheTimeout() {
        follower.behind(3, Duration.ofSeconds(1)).failed("apply failed: connection reset 0", clock.instant());
        onWait = n -> follower.failed("apply failed: connection reset " + n, clock.instant());

        assertThat(gate(follower(), FIVE_SECONDS).problems())
                .singleElement()
                .asString()
                .contains("that the previous check had not seen: apply failed: connection reset");
    }

    @Test
    void anErrorMessageCannotDriveTheOperatorsTerminal() {
        follower.behind(3, Duration.ofSeconds(1)).failed("bad key \u001b]0;owned\u0007", clock.instant());

        gate(follower(), FIVE_SECONDS).problems();

        assertThat(String.join("\n", progress)).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void aDryRunReadsOnceAndNotesTheWaitInsteadOfWaiting() {
        follower.behind(300, Duration.ofSeconds(30));
        CallJournal dryRun = CallJournal.dryRun(journalLines::add);

        assertThat(gate(follower(), FIVE_SECONDS, dryRun).problems()).isEmpty();

        assertThat(waits).isEmpty();
        assertThat(journalLines)
                .hasSize(2)
                .last()
                .asString()
                .contains("would  wait up to 1m for the follower: lag 30s is over the bound of 5s");
    }

    @Test
    void ctrlCDuringTheWaitStopsTheCutover() {
        follower.behind(300, Duration.ofSeconds(30));
        FollowerLagGate gate = new FollowerLagGate(
                FollowerStatusPage.at(follower()),
                FIVE_SECONDS,
                TIMEOUT,
                clock,
                d -> {
                    throw new CutoverStopped();
                },
                CallJournal.live(journalLines::add),
                progress::add);
        open.add(gate);

        assertThatThrownBy(gate::problems).isInstanceOf(CutoverStopped.class);
    }

    @Test
    void aFollowerBehindBlocksTheCutoverBeforeAnyTrafficMoves() {
        follower.behind(300, Duration.ofSeconds(30));
        RecordingControl control = new RecordingControl();
        CutoverRun run = new CutoverRun(
                control,
                List.of(gate(follower(), FIVE_SECONDS)),
                (step, percent, bake) -> GateVerdict.pass("baked"),
                Duration.ofMinutes(1),
                CallJournal.live(journalLines::add),
                new CutoverStateFile(dir.resolve("cutover.json")),
                progress::add);

        CutoverState end = run.run(CutoverState.start("api", control.label(), List.of(10.0, 100.0), 0));

        assertThat(end.status()).isEqualTo(CutoverState.Status.BLOCKED);
        assertThat(control.set).as("the dial never moved").isEmpty();
        assertThat(end.history()).singleElement().asString().contains("lag 30s is over the bound of 5s");
    }

    /** A knob that records what it was set to. */
    private static final class RecordingControl implements TrafficControl {
        final List<Double> set = new ArrayList<>();

        @Override
        public String label() {
            return "edge split";
        }

        @Override
        public double current() {
            return set.isEmpty() ? 0 : set.get(set.size() - 1);
        }

        @Override
        public void set(double percent) {
            set.add(percent);
        }
    }

    private String page(int code, String type, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        open.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
