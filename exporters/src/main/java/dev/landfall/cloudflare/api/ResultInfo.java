package dev.landfall.cloudflare.api;

/**
 * The parts of {@code result_info} the client uses: page numbers of page-based lists and the
 * cursor of cursor-based ones ({@code cursor}, or {@code cursors.after} as newer SDKs read it).
 * Absent numbers are -1; an absent cursor is {@code ""}.
 */
record ResultInfo(long page, long perPage, long count, long totalCount, String cursor) {
    static final ResultInfo NONE = new ResultInfo(-1, -1, -1, -1, "");

    ResultInfo {
        cursor = cursor == null ? "" : cursor;
    }
}
