package dev.landfall.cli.cutover;

import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.Precheck;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.verify.latency.slo.Slo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a cutover judges each bake, its inputs already checked: a dual run between the two endpoints
 * under the SLO, or without one ({@code --no-verify}) the bake alone followed by a re-check of the
 * target's services ({@link StepGate#bakeOnly}).
 *
 * @param pause how a bake without a dual run waits
 * @param dualRun the dual run that judges each bake, if any
 * @param slo what the dual run judges by
 */
public record CutoverGates(Pause pause, Optional<DualRunGate> dualRun, Slo slo) implements Cutover.Gates {
    public CutoverGates {
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(dualRun, "dualRun");
        Objects.requireNonNull(slo, "slo");
    }

    @Override
    public StepGate gate(List<Precheck> prechecks) {
        return dualRun.<StepGate>map(gate -> gate)
                .orElseGet(() -> StepGate.bakeOnly(pause, prechecks.toArray(Precheck[]::new)));
    }

    /**
     * For the operator, before the first step: what judges each bake.
     *
     * @param sloSource where the SLO comes from ({@code --slo}, the spec, the saved cutover)
     */
    public String describe(String sloSource) {
        return dualRun.isEmpty()
                ? "baking without a dual run (--no-verify): each step only re-checks service health"
                : "judging each bake by the SLO " + slo + " (" + sloSource + ")";
    }
}
