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

    /** A listener that tells this one first, then {@code next}, everything. */
    default CopyListener then(CopyListener next) {
        CopyListener first = this;
        return new CopyListener() {
            @Override
            public void scopeStarted(Scope scope, boolean resumed) {
                first.scopeStarted(scope, resumed);
                next.scopeStarted(scope, resumed);
            }

            @Override
            public void scopeSkipped(Scope scope) {
                first.scopeSkipped(scope);
                next.scopeSkipped(scope);
            }

            @Override
            public void entryCopied(Scope scope, Entry entry) {
                first.entryCopied(scope, entry);
                next.entryCopied(scope, entry);
            }

            @Override
            public void batchCommitted(Scope scope, long entriesSoFar) {
                first.batchCommitted(scope, entriesSoFar);
                next.batchCommitted(scope, entriesSoFar);
            }

            @Override
            public void scopeFinished(ScopeCopyResult result) {
                first.scopeFinished(result);
                next.scopeFinished(result);
            }
        };
    }
}
