package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.run.FinalSwitch;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code migrate --final}'s switch against the cutover Worker in real workerd: while the drain runs,
 * writes at the edge get 503 with Retry-After and reach neither side, reads are served; after it,
 * writes reach the new service. A drain whose verification fails puts writes back on the old one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinalSwitchGateIT {
    private static final String SECRET = ReadSplitWorkerIT.SECRET;
    private static final KvNamespace NS = new KvNamespace("ns", "SESSIONS");

    private final HttpClient http = HttpClient.newHttpClient();
    private Backend oldSide;
    private Backend newSide;
    private WorkerPeer worker;

    @BeforeAll
    void start() throws Exception {
        oldSide = new Backend("old");
        newSide = new Backend("new");
        worker = WorkerPeer.start(
                oldSide.origin(), newSide.origin(), "ip", false, Map.of("LANDFALL_CUTOVER_SECRET", SECRET), true);
        // Reads stay old (0 %), writes ask the gate: what the operator sets before --final.
        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");
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

    private HttpResponse<String> send(String method) throws java.io.IOException {
        try {
            return sendOnce(method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    /**
     * Miniflare's Node front closes a pooled connection after 5 s idle; a POST that raced that close
     * sees no answer bytes and HttpClient does not repeat it. These requests are safe to repeat.
     */
    private HttpResponse<String> sendOnce(String method) throws java.io.IOException, InterruptedException {
        try {
            return sendNow(method);
        } catch (java.io.IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return sendNow(method);
        }
    }

    private HttpResponse<String> sendNow(String method) throws java.io.IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(worker.url().resolve("/keys/a"))
                        .method(
                                method,
                                method.equals("GET")
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString("{}"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ScopeVerification verified(boolean equal) {
        ScopeDigest source = ScopeDigest.EMPTY;
        ScopeDigest store = equal
                ? source
                : ScopeDigest.accumulator()
                        .add(new Entry(NS, Key.of("k"), new byte[] {1}, null, null))
                        .toDigest();
        return new ScopeVerification(NS, source, store, 0, 0, List.of(), equal ? 0 : 1, List.of());
    }

    @Test
    void writesAreFrozenWhileTheLogDrainsThenGoToTheNewService() throws Exception {
        List<String> seen = new ArrayList<>();
        FinalSwitch.Report report;
        try (WriteGate gate = gate()) {
            report = new FinalSwitch(new GateSwitch(gate), Duration.ofMillis(100), n -> {}).run(() -> {
                HttpResponse<String> write = send("POST");
                HttpResponse<String> read = send("GET");
                seen.add(write.statusCode() + " "
                        + write.headers().firstValue("retry-after").orElse("-"));
                seen.add(read.statusCode() + " " + read.body());
                return new FinalSwitch.Drained(3, List.of(verified(true)));
            });
        }
        assertThat(seen).containsExactly("503 5", "200 old GET /keys/a");
        assertThat(report.flipped()).isTrue();
        assertThat(report.freeze()).isPositive().isLessThan(Duration.ofSeconds(30));
        assertThat(send("POST").body()).isEqualTo("new POST /keys/a");
        assertThat(send("GET").body()).as("reads still follow the dial").isEqualTo("old GET /keys/a");
    }

    @Test
    void givenTheDialItRoutesWritesThroughTheGateFirstAndStraightToTheNewServiceAfter() throws Exception {
        MemoryDialKey key = new MemoryDialKey();
        key.replace(DialValue.EMPTY.withTraffic(0, 0));
        List<java.time.Duration> waited = new ArrayList<>();
        List<String> dialSeen = new ArrayList<>();
        try (WriteGate gate = gate()) {
            new FinalSwitch(
                            new GateSwitch(gate, java.util.Optional.of(key), EdgeSplit.PROPAGATION, waited::add),
                            Duration.ZERO,
                            n -> {})
                    .run(() -> {
                        dialSeen.add(key.dial().writes() + " " + key.dial().split());
                        return new FinalSwitch.Drained(0, List.of(verified(true)));
                    });
            assertThat(gate.state().state()).isEqualTo(GateState.NEW);
        }
        assertThat(dialSeen).containsExactly("GATE true");
        assertThat(waited).containsExactly(EdgeSplit.PROPAGATION);
        assertThat(key.dial().writes()).isEqualTo(WriteRoute.NEW);
    }

    @Test
    void aStoreThatDiffersPutsWritesBackOnTheOldService() throws Exception {
        try (WriteGate gate = gate()) {
            assertThatThrownBy(() -> new FinalSwitch(new GateSwitch(gate), Duration.ZERO, n -> {})
                            .run(() -> new FinalSwitch.Drained(0, List.of(verified(false)))))
                    .isInstanceOf(LandfallException.class)
                    .hasMessageContaining("NOT equal");
            assertThat(gate.state().state()).isEqualTo(GateState.OLD);
        }
        assertThat(send("POST").body()).isEqualTo("old POST /keys/a");
    }
}
