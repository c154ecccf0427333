package dev.landfall.cli.option;

import dev.landfall.cli.cutover.CutoverGates;
import dev.landfall.cli.cutover.DualRunGate;
import dev.landfall.infra.cutover.CutoverTarget;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code cutover} judges each bake: a dual run of the requests between {@code --baseline} and
 * {@code --candidate} under the SLO, the spec's {@code cutover} block filling in what is not given,
 * or with {@code --no-verify} only a re-check of service health (docs/cutover.md).
 */
public final class StepGateOptions {
    private static final double DEFAULT_RATE = 50;

    @Option(names = "--baseline", paramLabel = "URL", description = "The old endpoint (default: cutover.baseline).")
    String baseline;

    @Option(names = "--candidate", paramLabel = "URL", description = "The new endpoint (default: cutover.candidate).")
    String candidate;

    @Mixin
    DualRunTrafficOptions traffic;

    @Mixin
    SloOptions slo;

    @Option(
            names = "--no-verify",
            description = "Bake without a dual run: only re-check service health (not recommended).")
    boolean noVerify;

    /**
     * The gates of a cutover of {@code plan} baking {@code bake} per step, every flag checked and
     * the requests opened once, before any traffic moves.
     *
     * @param report where a breached step's full dual-run report goes
     * @throws dev.landfall.core.error.LandfallException USAGE naming a missing or bad endpoint, SLO,
     *     request corpus or a bake too short to measure
     */
    public CutoverGates gates(CutoverSpec plan, Duration bake, Pause pause, PrintStream report) throws IOException {
        Optional<String> baselineUrl = Optional.ofNullable(baseline).or(plan::baseline);
        Slo judgedBy = slo.slo(plan.slo());
        if (noVerify) {
            return new CutoverGates(pause, Optional.empty(), judgedBy);
        }
        Function<Duration, DualRunConfig> dualRun = DualRunGate.bakeConfig(
                baselineUrl,
                Optional.ofNullable(candidate).or(plan::candidate),
                traffic.rate(DEFAULT_RATE),
                traffic.connections(),
                judgedBy,
                slo.ignore());
        traffic.check("the requests each bake sends to both endpoints (docs/dual-run.md); --no-verify bakes without");
        dualRun.apply(bake); // a bake too short to measure is refused now, not at step 1
        traffic.open().close();
        CutoverTarget.requireBaselineOutsideSplit(plan, baselineUrl.orElseThrow());
        return new CutoverGates(pause, Optional.of(new DualRunGate(dualRun, traffic::open, report)), judgedBy);
    }

    /** Whether {@code --slo} was given, rather than taken from the spec. */
    public boolean sloGiven() {
        return slo.given();
    }

    /**
     * What the spec filled in for these flags, in flag syntax, so a resume keeps it even if the
     * spec changes meanwhile; nothing with {@code --no-verify}.
     */
    public Map<String, String> specDefaults(CutoverSpec plan) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!noVerify) {
            out.put("--slo", plan.slo());
            plan.baseline().ifPresent(url -> out.put("--baseline", url));
            plan.candidate().ifPresent(url -> out.put("--candidate", url));
        }
        return out;
    }
}
