package dev.landfall.infra.cutover;

import dev.landfall.core.live.WriteSwitch;
import java.time.Instant;
import java.util.Objects;

/**
 * The cutover Worker's write gate as the switch of a live migration ({@code migrate --final}):
 * each move answers with the time the gate entered its new state, by the gate's own clock, so the
 * freeze is measured where it happens.
 */
public final class GateSwitch implements WriteSwitch {
    private final WriteGate gate;

    public GateSwitch(WriteGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public String describe() {
        return "the write gate at " + gate.describe() + " (writes get 503 with Retry-After; reads are served)";
    }

    @Override
    public Instant freeze() {
        return gate.freeze().since();
    }

    @Override
    public Instant flip() {
        return gate.flip().since();
    }

    @Override
    public Instant unfreeze() {
        return gate.unfreeze().since();
    }
}
