package dev.landfall.core.copy;

import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.Scope;

/**
 * A listener that copies on several threads may share: one call at a time, so the listener behind
 * it (progress output, summaries) needs no locking of its own.
 */
record SerializedListener(CopyListener inner) implements CopyListener {
    @Override
    public synchronized void scopeStarted(Scope scope, boolean resumed) {
        inner.scopeStarted(scope, resumed);
    }

    @Override
    public synchronized void scopeSkipped(Scope scope) {
        inner.scopeSkipped(scope);
    }

    @Override
    public synchronized void keyCompared(Scope scope, KeyChange change) {
        inner.keyCompared(scope, change);
    }

    @Override
    public synchronized void batchCommitted(Scope scope) {
        inner.batchCommitted(scope);
    }

    @Override
    public synchronized void scopeFinished(ScopeCopyResult result) {
        inner.scopeFinished(result);
    }
}
