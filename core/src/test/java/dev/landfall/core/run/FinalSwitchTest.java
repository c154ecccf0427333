package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.WriteSwitch;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalSwitchTest {
    private static final KvNamespace NS = new KvNamespace("ns", "SESSIONS");

    /** A gate that records what it was told, on a clock that moves a second a call. */
    private static final class Gate implements WriteSwitch {
        final List<String> calls = new ArrayList<>();
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        boolean unfreezeFails;

        @Override
        public String describe() {
            return "test gate";
        }

        private Instant step(String call) {
            calls.add(call);
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public Instant freeze() {
            return step("freeze");
        }

        @Override
        public Instant flip() {
            return step("flip");
        }

        @Override
        public Instant unfreeze() throws IOException {
            if (unfreezeFails) {
                throw new IOException("gate unreachable (test)");
            }
            return step("unfreeze");
        }
    }

    private static ScopeVerification verification(boolean equal) {
        ScopeDigest a = ScopeDigest.EMPTY;
        ScopeDigest b = equal
                ? a
                : ScopeDigest.accumulator()
                        .add(new Entry(NS, Key.of("k"), new byte[] {1}, null, null))
                        .toDigest();
        return new ScopeVerification(NS, a, b, 0, 0, List.of(), equal ? 0 : 1, List.of());
    }

    @Test
    void drainedAndEqualItFlipsAndMeasuresTheFreezeByTheGatesClock() throws IOException {
        Gate gate = new Gate();
        List<String> notes = new ArrayList<>();
        FinalSwitch.Report r = new FinalSwitch(gate, Duration.ZERO, notes::add).run(() -> {
            gate.calls.add("drain");
            gate.now = gate.now.plusSeconds(3);
            return new FinalSwitch.Drained(7, List.of(verification(true)));
        });
        assertEquals(List.of("freeze", "drain", "flip"), gate.calls);
        assertTrue(r.flipped());
        assertEquals(Duration.ofSeconds(4), r.freeze());
        assertEquals(7, r.drained().applied());
        assertTrue(notes.get(notes.size() - 1).contains("frozen for 4.0 s"), notes.toString());
    }

    @Test
    void aStoreThatDiffersUnfreezesWithoutFlippingAndExitsThree() {
        Gate gate = new Gate();
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> new FinalSwitch(gate, Duration.ZERO, n -> {})
                        .run(() -> new FinalSwitch.Drained(1, List.of(verification(false)))));
        assertEquals(ErrorKind.MISMATCH, e.kind());
        assertEquals(List.of("freeze", "unfreeze"), gate.calls);
    }

    @Test
    void aFailingDrainUnfreezesAndTheFailureReachesTheCaller() {
        Gate gate = new Gate();
        IOException e = assertThrows(
                IOException.class,
                () -> new FinalSwitch(gate, Duration.ZERO, n -> {}).run(() -> {
                    throw new IOException("the export Worker went away (test)");
                }));
        assertEquals("the export Worker went away (test)", e.getMessage());
        assertEquals(List.of("freeze", "unfreeze"), gate.calls);
    }

    @Test
    void aGateThatCannotBeUnfrozenSaysWritesAreStillFrozen() {
        Gate gate = new Gate();
        gate.unfreezeFails = true;
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> new FinalSwitch(gate, Duration.ZERO, n -> {}).run(() -> {
                    throw new IOException("drain failed (test)");
                }));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.hint().orElseThrow().contains("still frozen"), e.hint().orElseThrow());
        assertEquals(List.of("freeze"), gate.calls, "never flipped");
    }
}
