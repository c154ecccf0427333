package dev.landfall.core.live;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where the application's writes go at the edge, as {@code migrate --final} moves them: frozen
 * (answered 503 with Retry-After, reads unaffected), then to the new service, or back to the old
 * one when the switch fails. Each call returns once the edge acts on it everywhere, with the time
 * the state began by the switch's own clock, and is idempotent.
 */
public interface WriteSwitch {
    /** Where it is, for messages; no secret. */
    String describe();

    /**
     * Readies the edge before the freeze, while writes still flow to the old service (say, makes
     * every write ask the gate and waits until the edge acts on that everywhere).
     *
     * @param notes lines for the operator
     */
    default void prepare(Consumer<String> notes) throws IOException {}

    /**
     * Tidies the edge after the flip (say, sends writes straight to the new service so they stop
     * asking the gate). Writes already go to the new service; a failure here changes nothing for
     * them.
     */
    default void finish(Consumer<String> notes) throws IOException {}

    /** Freezes writes. */
    Instant freeze() throws IOException;

    /** Sends writes to the new service; only from frozen. */
    Instant flip() throws IOException;

    /** Sends writes back to the old service; only from frozen. */
    Instant unfreeze() throws IOException;
}
