package dev.landfall.core.run;

import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.Source;

/**
 * Hears a {@link Migrator}'s phases, for progress displays. Called on the migrating thread;
 * implementations must be quick and must not throw.
 */
public interface MigrationListener {
    /** A listener that ignores everything. */
    MigrationListener NONE = new MigrationListener() {};

    /** The phases of a run, in order; a local source skips the export. */
    enum Phase {
        /** A remote source is copied into the run's bundle, within its API budget. */
        EXPORT,
        /** The source (or the bundle) is brought into the store, writing only changes. */
        IMPORT,
        /** Every scope's count and digest are compared. */
        VERIFY
    }

    /**
     * A phase begins.
     *
     * @param source what the phase reads (poll {@link dev.landfall.core.spi.ApiUsage#of} for API use)
     * @return the listener for the phase's copy (ignored for {@link Phase#VERIFY})
     */
    default CopyListener phaseStarted(Phase phase, Source source) {
        return CopyListener.NONE;
    }

    /**
     * The store refused an entry and skipped it (Workers KV: an expiration under a minute ahead).
     * The run log names it too; if verification runs before it expires, it shows as a difference.
     */
    default void notWritten(RefusedValue value) {}
}
