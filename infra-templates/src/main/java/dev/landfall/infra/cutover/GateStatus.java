package dev.landfall.infra.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The write gate's answer, by the gate's own clock.
 *
 * @param state where writes go
 * @param since when the gate entered {@code state} (a repeated request for the same state keeps
 *     it), so a freeze lasted from the frozen answer's {@code since} to the next state's
 * @param changedAt when Landfall last set the gate, repeats included; empty if it never has
 */
public record GateStatus(GateState state, Instant since, Optional<Instant> changedAt) {
    public GateStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** How long the gate held {@code earlier}'s state before it entered this one. */
    public Duration elapsedSince(GateStatus earlier) {
        return Duration.between(earlier.since(), since);
    }
}
