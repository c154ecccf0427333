package dev.landfall.core.copy;

import dev.landfall.core.model.Scope;

/**
 * What one scope's copy did in this run.
 *
 * @param scope the scope
 * @param entries entries written in this run
 * @param valueBytes value bytes written in this run
 * @param expiredSkipped entries that had expired by the time they reached the sink, not written
 * @param resumed whether the copy continued after a journaled checkpoint
 */
public record ScopeCopyResult(Scope scope, long entries, long valueBytes, long expiredSkipped, boolean resumed) {}
