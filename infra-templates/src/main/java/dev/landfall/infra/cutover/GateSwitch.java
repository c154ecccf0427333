package dev.landfall.infra.cutover;

import dev.landfall.core.live.WriteSwitch;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cutover Worker's write gate as the switch of a live migration ({@code migrate --final}):
 * each move answers with the time the gate entered its new state, by the gate's own clock, so the
 * freeze is measured where it happens. Given the dial key, it also makes every write ask the gate
 * before the freeze ({@code "split": true, "writes": "gate"}, then waits out the edge's cache of
 * the key) and sends writes straight to the new service after the flip ({@code "writes": "new"}).
 */
public final class GateSwitch implements WriteSwitch {
    private final WriteGate gate;
    private final Optional<DialKey> dial;
    private final Duration propagation;
    private final Pause pause;

    /** The gate alone: the operator sets the dial ({@code docs/cutover.md}). */
    public GateSwitch(WriteGate gate) {
        this(gate, Optional.empty(), Duration.ZERO, Pause.real());
    }

    /**
     * @param dial the edge split's dial key, to route writes through the gate and on
     * @param propagation how long the edge takes to see a dial change ({@link EdgeSplit#PROPAGATION})
     */
    public GateSwitch(WriteGate gate, Optional<DialKey> dial, Duration propagation, Pause pause) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.dial = Objects.requireNonNull(dial, "dial");
        this.propagation = Objects.requireNonNull(propagation, "propagation");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public void prepare(Consumer<String> notes) {
        if (dial.isEmpty()) {
            return;
        }
        DialValue now = dial.get().dial();
        if (now.split() && now.writes() == WriteRoute.GATE) {
            return;
        }
        dial.get().change(d -> d.withSplit(true).withWrites(WriteRoute.GATE));
        notes.accept("every write now asks the write gate (" + dial.get().describe() + "); waiting "
                + propagation.toSeconds() + " s for every edge location to see it");
        pause.sleep(propagation);
    }

    @Override
    public void finish(Consumer<String> notes) {
        dial.ifPresent(d -> {
            d.change(v -> v.withWrites(WriteRoute.NEW));
            notes.accept("writes go straight to the new service (" + d.describe() + "); the gate is no longer asked");
        });
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
