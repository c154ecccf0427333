package dev.landfall.core.copy;

import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.Scope;

/**
 * Hears what an import does, for progress displays and reports. Called on the importing thread;
 * implementations must be quick and must not throw.
 */
public interface ImportListener {
    /** A listener that ignores everything. */
    ImportListener NONE = new ImportListener() {};

    /** A scope begins; {@code resumed} when it continues after a journaled checkpoint. */
    default void scopeStarted(Scope scope, boolean resumed) {}

    /** The journal says this scope was finished by an earlier run. */
    default void scopeSkipped(Scope scope) {}

    /** One key was compared (and written or deleted when it changed). */
    default void keyCompared(Scope scope, KeyChange change) {}

    /** A batch is durable (and its checkpoint journaled, when there is a journal). */
    default void batchCommitted(Scope scope) {}

    /** A scope is complete and committed. */
    default void scopeFinished(ScopeImportResult result) {}

    /** A listener that tells this one first, then {@code next}, everything. */
    default ImportListener then(ImportListener next) {
        ImportListener first = this;
        return new ImportListener() {
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
            public void scopeFinished(ScopeImportResult result) {
                first.scopeFinished(result);
                next.scopeFinished(result);
            }
        };
    }
}
