package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link WriteGate} against the cutover Worker running in real workerd (Miniflare). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteGateIT {
    private static final String SECRET = ReadSplitWorkerIT.SECRET;

    private Backend oldSide;
    private Backend newSide;
    private WorkerPeer worker;

    @BeforeAll
    void start() throws Exception {
        oldSide = new Backend("old");
        newSide = new Backend("new");
        worker = WorkerPeer.start(
                oldSide.origin(), newSide.origin(), "ip", false, Map.of("LANDFALL_CUTOVER_SECRET", SECRET), true);
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        oldSide.close();
        newSide.close();
    }

    @BeforeEach
    void gateBackToOld() {
        try (WriteGate gate = gate()) {
            if (gate.state().state() != GateState.OLD) {
                gate.freeze();
                gate.unfreeze();
            }
        }
    }

    private WriteGate gate() {
        return WriteGate.fromEnvironment(worker.url().toString(), Map.of("LANDFALL_CUTOVER_SECRET", SECRET));
    }

    @Test
    void freezeFlipAndTheWayBackEachReportWhereTheGateStands() {
        try (WriteGate gate = gate()) {
            assertThat(gate.describe())
                    .isEqualTo(worker.url().resolve("/__landfall/write-gate").toString());
            GateStatus start = gate.state();
            assertThat(start.state()).isEqualTo(GateState.OLD);
            assertThat(start.changedAt()).as("never set yet").isEmpty();

            GateStatus frozen = gate.freeze();
            assertThat(frozen.state()).isEqualTo(GateState.FROZEN);
            assertThat(frozen.changedAt()).hasValue(frozen.since());
            assertThat(gate.freeze().since()).as("freezing again is harmless").isEqualTo(frozen.since());
            assertThat(gate.state().state()).isEqualTo(GateState.FROZEN);

            GateStatus flipped = gate.flip();
            assertThat(flipped.state()).isEqualTo(GateState.NEW);
            assertThat(flipped.elapsedSince(frozen))
                    .as("the freeze, by the gate's clock")
                    .isEqualTo(Duration.between(frozen.since(), flipped.since()))
                    .isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(gate.flip().state()).isEqualTo(GateState.NEW);

            assertThat(gate.freeze().state()).as("back from new").isEqualTo(GateState.FROZEN);
            assertThat(gate.unfreeze().state()).isEqualTo(GateState.OLD);
            assertThat(gate.state().state()).isEqualTo(GateState.OLD);
        }
    }

    @Test
    void aMoveThatSkipsTheFreezeIsRefusedWithTheWayAround() {
        try (WriteGate gate = gate()) {
            assertThat(gate.state().state()).isEqualTo(GateState.OLD);
            assertThatThrownBy(gate::flip)
                    .isInstanceOfSatisfying(
                            LandfallException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED))
                    .hasMessageContaining("refused (409): the gate is old and cannot go to new")
                    .satisfies(e -> assertThat(((LandfallException) e).hint())
                            .get()
                            .asString()
                            .contains("freeze, then flip"));
            assertThat(gate.state().state()).as("nothing moved").isEqualTo(GateState.OLD);
        }
    }

    @Test
    void aWrongSecretIsRefusedWithoutPrintingEitherSecret() {
        String wrong = "wrong-secret-but-long-enough-0123456789";
        try (WriteGate gate = new WriteGate(worker.url().toString(), Secret.of(wrong))) {
            assertThatThrownBy(gate::freeze)
                    .isInstanceOfSatisfying(LandfallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
                        assertThat(e.hint()).get().asString().contains("wrangler secret put LANDFALL_CUTOVER_SECRET");
                    })
                    .hasMessageContaining("refused LANDFALL_CUTOVER_SECRET (401)")
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining(SECRET);
        }
        try (WriteGate gate = gate()) {
            assertThat(gate.state().state())
                    .as("the refused freeze changed nothing")
                    .isEqualTo(GateState.OLD);
        }
    }

    @Test
    void theSecretComesFromTheEnvironmentAndIsCheckedBeforeAnyCall() {
        String url = worker.url().toString();
        assertThatThrownBy(() -> WriteGate.fromEnvironment(url, Map.of()))
                .isInstanceOfSatisfying(
                        LandfallException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("LANDFALL_CUTOVER_SECRET is not set");
        assertThatThrownBy(() -> WriteGate.fromEnvironment(url, Map.of("LANDFALL_CUTOVER_SECRET", "short-secret")))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("shorter than 32 characters")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new WriteGate("api.example.com", Secret.of(SECRET)))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("'api.example.com' is not an http(s) URL");
    }

    @Test
    void nothingListeningNamesTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (WriteGate gate = new WriteGate("http://127.0.0.1:" + port, Secret.of(SECRET))) {
            assertThatThrownBy(gate::freeze)
                    .isInstanceOfSatisfying(
                            LandfallException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED))
                    .hasMessageContaining("nothing is listening at http://127.0.0.1:" + port)
                    .hasMessageContaining("set the write gate to frozen");
        }
    }

    @Test
    void aServerThatIsNotTheCutoverWorkerIsNamed() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try (WriteGate gate =
                new WriteGate("http://127.0.0.1:" + other.getAddress().getPort() + "/v1", Secret.of(SECRET))) {
            assertThatThrownBy(gate::state)
                    .isInstanceOfSatisfying(
                            LandfallException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED))
                    .hasMessageContaining("has no write gate (404)");
        } finally {
            other.stop(0);
        }
        try (WorkerPeer ungated = WorkerPeer.start(
                        oldSide.origin(),
                        newSide.origin(),
                        "ip",
                        false,
                        Map.of("LANDFALL_CUTOVER_SECRET", SECRET),
                        false);
                WriteGate gate = new WriteGate(ungated.url().toString(), Secret.of(SECRET))) {
            assertThatThrownBy(gate::freeze)
                    .isInstanceOf(LandfallException.class)
                    .hasMessageContaining("has no LANDFALL_WRITE_GATE binding (501)");
        }
    }
}
