package dev.landfall.verify.latency.slo;

import java.util.List;
import java.util.Objects;

/**
 * An SLO judged: passed when every term holds.
 *
 * @param slo the SLO as written
 * @param checks one per term, in the SLO's order
 */
public record SloVerdict(String slo, List<SloCheck> checks) {
    public SloVerdict {
        Objects.requireNonNull(slo, "slo");
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(SloCheck::passed);
    }

    /** The terms that failed. */
    public List<SloCheck> breaches() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
