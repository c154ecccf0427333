package dev.landfall.core.copy;

import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.Scope;

/** Two listeners told everything in turn: what {@link CopyListener#then} returns. */
record CopyListeners(CopyListener first, CopyListener next) implements CopyListener {
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
    public void keyCompared(Scope scope, KeyChange change) {
        first.keyCompared(scope, change);
        next.keyCompared(scope, change);
    }

    @Override
    public void batchCommitted(Scope scope) {
        first.batchCommitted(scope);
        next.batchCommitted(scope);
    }

    @Override
    public void scopeFinished(ScopeCopyResult result) {
        first.scopeFinished(result);
        next.scopeFinished(result);
    }
}
