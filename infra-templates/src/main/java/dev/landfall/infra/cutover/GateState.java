package dev.landfall.infra.cutover;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the write gate sends writes while the dial says {@code "writes":"gate"}. It moves only
 * through {@link #FROZEN}: old to frozen, then frozen to new (the switch) or back to old (an
 * abort), and new to frozen to go back after a switch.
 */
public enum GateState {
    /** Writes go to the old Worker: where the gate starts. */
    OLD,
    /** Writes are refused with 503 and {@code Retry-After}; reads are never gated. */
    FROZEN,
    /** Writes go to the new backend. */
    NEW;

    /** The state's name in the gate's JSON. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a JSON name names, empty for any other text. */
    public static Optional<GateState> fromJson(String value) {
        for (GateState state : values()) {
            if (state.json().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
