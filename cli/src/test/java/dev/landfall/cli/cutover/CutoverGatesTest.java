package dev.landfall.cli.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.landfall.infra.cutover.GateVerdict;
import dev.landfall.infra.cutover.Precheck;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.verify.latency.slo.Slo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which gate judges a bake, and what the operator is told about it. */
class CutoverGatesTest {
    private static Precheck check(String label, List<String> problems) {
        return new Precheck() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public List<String> problems() {
                return problems;
            }
        };
    }

    @Test
    void withoutADualRunABakeWaitsAndThenReRunsThePrechecks() {
        List<Duration> waited = new ArrayList<>();
        CutoverGates gates = new CutoverGates(waited::add, Optional.empty(), Slo.parse("p99<=50ms"));

        StepGate gate = gates.gate(List.of(check("a", List.of()), check("b", List.of("b is draining"))));
        GateVerdict verdict = gate.judge(1, 10, Duration.ofSeconds(30));

        assertThat(waited).containsExactly(Duration.ofSeconds(30));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).isEqualTo("after the bake: b is draining");
        assertThat(gates.describe("--slo"))
                .isEqualTo("baking without a dual run (--no-verify): each step only re-checks service health");
    }

    @Test
    void withADualRunThatRunJudgesEveryBakeAndTheSloIsNamedWithItsSource() {
        DualRunGate dualRun = new DualRunGate(
                bake -> {
                    throw new AssertionError("not run here");
                },
                () -> {
                    throw new AssertionError("not opened here");
                },
                new PrintStream(new ByteArrayOutputStream()));
        Slo slo = Slo.parse("p99<=50ms");
        CutoverGates gates = new CutoverGates(duration -> {}, Optional.of(dualRun), slo);

        assertThat(gates.gate(List.of(check("a", List.of("never asked"))))).isSameAs(dualRun);
        assertThat(gates.describe("--slo")).isEqualTo("judging each bake by the SLO " + slo + " (--slo)");
    }
}
