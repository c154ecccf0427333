package dev.landfall.infra.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How traffic moves to the new service: percentages in order, how long each step bakes before
 * the SLO is judged, the SLO itself, the two endpoints the dual run compares during a bake, and
 * the edge split in front of the old Worker. Read by {@code landfall cutover}; templates use none
 * of it but the edge block, for the cutover Worker kit.
 *
 * @param steps increasing percentages, the last one 100
 * @param bake time per step, such as {@code 10m} or {@code 90s}
 * @param slo the gate, in {@code landfall verify latency --slo} syntax, such as {@code p99<=10ms}
 * @param baseline the old endpoint's base URL (the Workers route), if given
 * @param candidate the new endpoint's base URL (the accelerator's hostname), if given
 * @param edge the edge split in front of the old Worker, if the cutover moves traffic there
 */
public record CutoverSpec(
        List<Integer> steps,
        String bake,
        String slo,
        Optional<String> baseline,
        Optional<String> candidate,
        Optional<EdgeSpec> edge) {
    public CutoverSpec {
        steps = List.copyOf(steps);
        Objects.requireNonNull(bake, "bake");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(edge, "edge");
    }

    /** A plan without endpoints or edge split. */
    public CutoverSpec(List<Integer> steps, String bake, String slo) {
        this(steps, bake, slo, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
