package dev.landfall.core.copy;

/**
 * What a whole copy did in this run.
 *
 * @param scopes scopes copied in this run
 * @param skippedScopes scopes an earlier run had finished
 * @param entries entries written
 * @param valueBytes value bytes written
 * @param expiredSkipped entries not written because they had expired
 */
public record CopyTotals(long scopes, long skippedScopes, long entries, long valueBytes, long expiredSkipped) {
    /** Nothing yet. */
    public static final CopyTotals ZERO = new CopyTotals(0, 0, 0, 0, 0);

    CopyTotals plus(ScopeCopyResult r) {
        return new CopyTotals(
                scopes + 1,
                skippedScopes,
                entries + r.entries(),
                valueBytes + r.valueBytes(),
                expiredSkipped + r.expiredSkipped());
    }

    CopyTotals plusSkipped() {
        return new CopyTotals(scopes, skippedScopes + 1, entries, valueBytes, expiredSkipped);
    }
}
