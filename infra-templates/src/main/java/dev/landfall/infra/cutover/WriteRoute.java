package dev.landfall.infra.cutover;

/**
 * Where the edge split sends writes once the dial's read split is on: the dial key's {@code
 * writes} member. Only {@link #GATE} costs anything per write (a call to the write gate).
 */
public enum WriteRoute {
    /** To the old Worker; also what an absent member means. */
    OLD,
    /** Wherever the write gate says ({@link WriteGate}): old, frozen or new, changed at once. */
    GATE,
    /** To the new backend. */
    NEW;

    /** The member's value in the dial's JSON. */
    public String json() {
        return JsonEnum.name(this);
    }
}
