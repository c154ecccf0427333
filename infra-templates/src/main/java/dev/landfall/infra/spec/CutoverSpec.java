package dev.landfall.infra.spec;

import java.util.List;
import java.util.Objects;

/**
 * How traffic moves to a new region: traffic-dial percentages in order, how long each step bakes
 * before the SLO is judged, and the SLO itself (read by the cutover command, not by templates).
 *
 * @param steps increasing dial percentages, the last one 100
 * @param bake time per step, such as {@code 10m} or {@code 90s}
 * @param slo the gate, such as {@code p99 < 50ms}
 */
public record CutoverSpec(List<Integer> steps, String bake, String slo) {
    public CutoverSpec {
        steps = List.copyOf(steps);
        Objects.requireNonNull(bake, "bake");
        Objects.requireNonNull(slo, "slo");
    }
}
