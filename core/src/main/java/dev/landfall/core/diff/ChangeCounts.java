package dev.landfall.core.diff;

/**
 * How many keys of each kind a plan or an import met, and the value bytes it writes.
 *
 * @param created keys the store lacked
 * @param updated keys whose value, metadata or expiration differed
 * @param deleted keys only the store held, deleted (mirror mode only)
 * @param unchanged keys both held alike
 * @param kept keys that differ but were left as the store holds them (create-only mode)
 * @param storeOnly keys only the store holds, left in place (modes other than mirror)
 * @param expiredSkipped source keys already expired, not written
 * @param valueBytes value bytes of the created and updated entries
 */
public record ChangeCounts(
        long created,
        long updated,
        long deleted,
        long unchanged,
        long kept,
        long storeOnly,
        long expiredSkipped,
        long valueBytes) {
    /** Nothing yet. */
    public static final ChangeCounts ZERO = new ChangeCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** Keys whose store content changes (or would): created, updated and deleted. */
    public long changes() {
        return created + updated + deleted;
    }

    /** Keys the source holds (unexpired). */
    public long sourceKeys() {
        return created + updated + unchanged + kept;
    }

    /** The sum of both. */
    public ChangeCounts plus(ChangeCounts o) {
        return new ChangeCounts(
                created + o.created,
                updated + o.updated,
                deleted + o.deleted,
                unchanged + o.unchanged,
                kept + o.kept,
                storeOnly + o.storeOnly,
                expiredSkipped + o.expiredSkipped,
                valueBytes + o.valueBytes);
    }
}
