package dev.landfall.core.copy;

import dev.landfall.core.diff.ChangeCounts;

/**
 * What a whole import did in this run.
 *
 * @param scopes scopes imported in this run
 * @param skippedScopes scopes an earlier run had finished
 * @param counts the keys of every scope imported in this run
 */
public record ImportTotals(long scopes, long skippedScopes, ChangeCounts counts) {
    /** Nothing yet. */
    public static final ImportTotals ZERO = new ImportTotals(0, 0, ChangeCounts.ZERO);

    ImportTotals plus(ScopeImportResult r) {
        return new ImportTotals(scopes + 1, skippedScopes, counts.plus(r.counts()));
    }

    ImportTotals plusSkipped() {
        return new ImportTotals(scopes, skippedScopes + 1, counts);
    }
}
