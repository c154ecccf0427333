package dev.landfall.core.run;

import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.WriteSwitch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The switch of writes at the end of a live migration: freeze writes at the edge, let the writes
 * admitted just before the freeze land (their changes are recorded before they are made), drain the
 * change log to empty and verify every scope against a fresh read of the source, then send writes
 * to the new service. Any failure after the freeze sends writes back to the old service, unflipped,
 * and says so: the application is never left frozen by Landfall. The freeze's length is measured
 * by the switch's own clock, from the moment it froze to the moment it flipped.
 */
public final class FinalSwitch {
    /** Follows until the log is empty, then verifies the store against the source. */
    @FunctionalInterface
    public interface Drain {
        /**
         * @return each scope's verification
         */
        Drained drainAndVerify() throws IOException;
    }

    /**
     * What the drain did.
     *
     * @param applied changes applied while frozen
     * @param verified each scope of the store against a fresh read of the source
     */
    public record Drained(long applied, List<ScopeVerification> verified) {
        public Drained {
            verified = List.copyOf(verified);
        }

        boolean equal() {
            return verified.stream().allMatch(ScopeVerification::equal);
        }
    }

    /**
     * How the switch ended.
     *
     * @param frozenAt when writes froze, by the switch's clock
     * @param endedAt when writes moved on (to the new service, or back to the old)
     * @param flipped whether writes now go to the new service
     * @param drained what the drain did
     */
    public record Report(Instant frozenAt, Instant endedAt, boolean flipped, Drained drained) {
        /** How long writes were frozen. */
        public Duration freeze() {
            return Duration.between(frozenAt, endedAt);
        }
    }

    private final WriteSwitch writes;
    private final Duration grace;
    private final Consumer<String> notes;

    /**
     * @param grace how long writes admitted just before the freeze are given to land
     * @param notes lines for the operator
     */
    public FinalSwitch(WriteSwitch writes, Duration grace, Consumer<String> notes) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /**
     * Runs the switch.
     *
     * @throws LandfallException MISMATCH when the store does not equal the source (writes are back
     *     on the old service); any other failure after the freeze is rethrown after unfreezing
     */
    public Report run(Drain drain) throws IOException {
        writes.prepare(notes);
        Instant frozen = writes.freeze();
        notes.accept("writes frozen: " + writes.describe());
        Drained drained;
        try {
            pause(grace);
            drained = drain.drainAndVerify();
            if (!drained.equal()) {
                throw LandfallException.mismatch(
                        "the store does NOT equal the source after draining the change log; writes were not switched",
                        "see the differing keys above; writes are back on the old service: fix the cause, then"
                                + " follow again and retry --final");
            }
        } catch (IOException | RuntimeException e) {
            Instant back = unfreeze(e);
            notes.accept("writes are back on the old service after a freeze of " + seconds(frozen, back)
                    + "; nothing was switched");
            throw e;
        }
        Instant flipped = writes.flip();
        notes.accept("writes now go to the new service; they were frozen for " + seconds(frozen, flipped));
        try {
            writes.finish(notes);
        } catch (IOException | RuntimeException e) {
            notes.accept("warning: writes go to the new service, but tidying the edge failed: " + e.getMessage());
        }
        return new Report(frozen, flipped, true, drained);
    }

    private Instant unfreeze(Exception cause) throws IOException {
        try {
            return writes.unfreeze();
        } catch (IOException | RuntimeException failed) {
            cause.addSuppressed(failed);
            throw LandfallException.failed(
                    "the switch failed (" + cause.getMessage() + ") and writes could NOT be unfrozen at "
                            + writes.describe() + ": " + failed.getMessage(),
                    "the application's writes are still frozen: set the gate back to old by hand"
                            + " (docs/cutover.md, the write gate), or rerun --final once the cause is fixed",
                    cause);
        }
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(
                java.util.Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private static void pause(Duration d) throws IOException {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the freeze's grace");
        }
    }
}
