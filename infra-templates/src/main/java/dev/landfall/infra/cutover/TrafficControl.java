package dev.landfall.infra.cutover;

/**
 * One knob that decides how much traffic reaches the new service: a region's traffic dial in
 * Global Accelerator, or the edge split in front of the old Worker. Setting it returns only once
 * the new value is confirmed live, so the bake that follows measures the new split.
 */
public interface TrafficControl {
    /** What this controls, for messages: {@code eu-west-1 traffic dial}. */
    String label();

    /** The percentage in effect now, read from the system that applies it. */
    double current();

    /** Sets the percentage and waits until it is confirmed in effect. */
    void set(double percent);
}
