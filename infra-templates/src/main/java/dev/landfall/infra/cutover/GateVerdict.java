package dev.landfall.infra.cutover;

import java.util.Objects;

/**
 * A step's judgement.
 *
 * @param passed whether the next step may go ahead
 * @param summary one line for the operator: the numbers that decided it
 */
public record GateVerdict(boolean passed, String summary) {
    public GateVerdict {
        Objects.requireNonNull(summary, "summary");
    }

    public static GateVerdict pass(String summary) {
        return new GateVerdict(true, summary);
    }

    public static GateVerdict breach(String summary) {
        return new GateVerdict(false, summary);
    }
}
