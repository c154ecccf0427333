package dev.landfall.core.copy;

import dev.landfall.core.diff.ChangeCounts;

/**
 * What a whole copy did in this run.
 *
 * @param scopes scopes copied in this run
 * @param skippedScopes scopes an earlier run had finished
 * @param counts the keys of every scope copied in this run
 */
public record CopyTotals(long scopes, long skippedScopes, ChangeCounts counts) {
    /** Nothing yet. */
    public static final CopyTotals ZERO = new CopyTotals(0, 0, ChangeCounts.ZERO);

    CopyTotals plus(ScopeCopyResult r) {
        return new CopyTotals(scopes + 1, skippedScopes, counts.plus(r.counts()));
    }

    CopyTotals plusSkipped() {
        return new CopyTotals(scopes, skippedScopes + 1, counts);
    }
}
