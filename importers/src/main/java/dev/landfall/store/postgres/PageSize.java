package dev.landfall.store.postgres;

/**
 * How many rows a cursor asks for next: at most {@link #MAX_ROWS}, and about {@link #MAX_BYTES} of
 * values at the average value size seen so far, never fewer than one. The page query also stops
 * once the values before a row reach {@link #MAX_BYTES}, which bounds the first page too.
 */
final class PageSize {
    static final int MAX_ROWS = 1000;
    static final long MAX_BYTES = 8L << 20;

    private long rows;
    private long bytes;

    /** Records a page that was read. */
    void seen(int pageRows, long pageBytes) {
        rows += pageRows;
        bytes += pageBytes;
    }

    /** The LIMIT of the next page. */
    int limit() {
        if (rows == 0 || bytes == 0) {
            return MAX_ROWS;
        }
        long average = Math.max(1, bytes / rows);
        return (int) Math.max(1, Math.min(MAX_ROWS, MAX_BYTES / average));
    }

    /**
     * Whether a page was the last: it came back short of its limit although its values stayed
     * under the byte cap, so neither bound stopped it; only the end of the scope did.
     */
    static boolean isLast(int pageRows, int limit, long pageBytes) {
        return pageRows < limit && pageBytes < MAX_BYTES;
    }
}
