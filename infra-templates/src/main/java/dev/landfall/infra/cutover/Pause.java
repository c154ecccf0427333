package dev.landfall.infra.cutover;

import java.time.Duration;

/**
 * How the cutover waits between polls and during a bake. Tests pass one that returns at once;
 * the real one sleeps and turns an interrupt (Ctrl-C) into {@link CutoverStopped}.
 */
@FunctionalInterface
public interface Pause {
    /** Waits for {@code duration}. */
    void sleep(Duration duration);

    /** Thread.sleep, stopping the run when interrupted. */
    static Pause real() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverStopped();
            }
        };
    }
}
