package dev.landfall.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.cli.cutover.CutoverGates;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** How a cutover judges each bake: flags over the spec, all checked before any traffic moves. */
class StepGateOptionsTest {
    private static final CutoverSpec PLAN =
            SpecParser.parse("landfall.yaml", SpecExample.text()).cutover();
    private static final Pause NO_WAIT = duration -> {};
    private static final PrintStream REPORT = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        StepGateOptions judging;
    }

    private static StepGateOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.judging;
    }

    private String requests() throws IOException {
        Path file = dir.resolve("requests.ndjson");
        Files.writeString(file, "{\"method\":\"GET\",\"path\":\"/v1/keys/a\"}\n");
        return file.toString();
    }

    @Test
    void withoutVerifyingEachBakeOnlyReChecksHealthAndTheSpecFillsInNothing() throws IOException {
        StepGateOptions judging = parse("--no-verify");

        CutoverGates gates = judging.gates(PLAN, Duration.ofMinutes(5), NO_WAIT, REPORT);

        assertThat(gates.dualRun()).isEmpty();
        assertThat(gates.describe("--slo")).startsWith("baking without a dual run (--no-verify)");
        assertThat(judging.specDefaults(PLAN)).isEmpty();
    }

    @Test
    void aDualRunTakesTheSpecsEndpointsAndSloAndSavesThemAsIfGiven() throws IOException {
        StepGateOptions judging = parse("--requests", requests());

        CutoverGates gates = judging.gates(PLAN, Duration.ofMinutes(5), NO_WAIT, REPORT);

        assertThat(gates.dualRun()).isPresent();
        assertThat(judging.sloGiven()).isFalse();
        assertThat(gates.describe("cutover.slo of landfall.yaml"))
                .isEqualTo("judging each bake by the SLO " + gates.slo() + " (cutover.slo of landfall.yaml)");
        assertThat(judging.specDefaults(PLAN))
                .containsExactly(
                        Map.entry("--slo", "p99<=50ms,errors<=0.1%,mismatch<=0.1%"),
                        Map.entry("--baseline", "https://api-worker.example.workers.dev"),
                        Map.entry("--candidate", "https://new-api.example.com"));
    }

    @Test
    void aGivenSloBeatsTheSpecs() throws IOException {
        StepGateOptions judging = parse("--requests", requests(), "--slo", "p99<=20ms");

        assertThat(judging.sloGiven()).isTrue();
        assertThat(judging.gates(PLAN, Duration.ofMinutes(5), NO_WAIT, REPORT)
                        .slo()
                        .toString())
                .contains("p99<=20ms")
                .doesNotContain("50ms");
    }

    @Test
    void aDualRunWithoutRequestsOrWithABakeTooShortIsRefusedBeforeAnyStep() throws IOException {
        assertThatThrownBy(() -> parse().gates(PLAN, Duration.ofMinutes(5), NO_WAIT, REPORT))
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("--requests FILE");
                    assertThat(e.hint()).get().asString().contains("--no-verify bakes without");
                });
        String requests = requests();
        assertThatThrownBy(() -> parse("--requests", requests).gates(PLAN, Duration.ofMillis(1), NO_WAIT, REPORT))
                .isInstanceOf(LandfallException.class)
                .satisfies(e -> assertThat(((LandfallException) e).exitCode()).isEqualTo(2));
    }
}
