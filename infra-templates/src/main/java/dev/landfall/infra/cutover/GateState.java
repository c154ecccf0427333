package dev.landfall.infra.cutover;

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
        return JsonEnum.name(this);
    }
}
