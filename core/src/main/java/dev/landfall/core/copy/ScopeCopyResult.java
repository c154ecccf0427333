package dev.landfall.core.copy;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.model.Scope;

/**
 * What one scope's copy did in this run.
 *
 * @param scope the scope
 * @param counts keys created, updated, deleted, unchanged, expired-skipped… in this run (a copy of
 *     all entries counts each written entry as created)
 * @param resumed whether the copy continued after a journaled checkpoint
 */
public record ScopeCopyResult(Scope scope, ChangeCounts counts, boolean resumed) {}
