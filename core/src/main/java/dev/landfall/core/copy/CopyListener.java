package dev.landfall.core.copy;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;

/**
 * Hears what the copy loop does, for progress displays and reports. Called on the copying thread;
 * implementations must be quick and must not throw.
 */
public interface CopyListener {
    /** A listener that ignores everything. */
    CopyListener NONE = new CopyListener() {};

    /** A scope begins; {@code resumed} when it continues after a journaled checkpoint. */
    default void scopeStarted(Scope scope, boolean resumed) {}

    /** The journal says this scope was finished by an earlier run. */
    default void scopeSkipped(Scope scope) {}

    /** One entry was handed to the sink. */
    default void entryCopied(Scope scope, Entry entry) {}

    /** A batch is durable and its checkpoint journaled. */
    default void batchCommitted(Scope scope, long entriesSoFar) {}

    /** A scope is complete and committed. */
    default void scopeFinished(ScopeCopyResult result) {}
}
