package dev.landfall.core.copy;

import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.Scope;

/**
 * Hears what the {@link Copier} does, for progress displays, run records and reports. Called on
 * the copying thread; implementations must be quick and must not throw.
 */
public interface CopyListener {
    /** A listener that ignores everything. */
    CopyListener NONE = new CopyListener() {};

    /** A scope begins; {@code resumed} when it continues after a journaled checkpoint. */
    default void scopeStarted(Scope scope, boolean resumed) {}

    /** The journal says this scope was finished by an earlier run. */
    default void scopeSkipped(Scope scope) {}

    /** One key was decided (and written or deleted, when its change applies under the mode). */
    default void keyCompared(Scope scope, KeyChange change) {}

    /** A batch is durable (and its checkpoint journaled, when there is a journal). */
    default void batchCommitted(Scope scope) {}

    /** A scope is complete and committed. */
    default void scopeFinished(ScopeCopyResult result) {}

    /** A listener that tells this one first, then {@code next}, everything. */
    default CopyListener then(CopyListener next) {
        return new CopyListeners(this, next);
    }
}
