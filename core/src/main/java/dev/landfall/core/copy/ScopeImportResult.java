package dev.landfall.core.copy;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.model.Scope;

/**
 * What one scope's import did in this run.
 *
 * @param scope the scope
 * @param counts keys created, updated, deleted, unchanged… in this run
 * @param resumed whether the import continued after a journaled checkpoint
 */
public record ScopeImportResult(Scope scope, ChangeCounts counts, boolean resumed) {}
