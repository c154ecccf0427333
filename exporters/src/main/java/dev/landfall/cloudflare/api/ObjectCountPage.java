package dev.landfall.cloudflare.api;

/**
 * One page of a Durable Object namespace's object list (cloudflare-api.md §3.2), counted rather
 * than kept: an inventory needs how many, not which.
 *
 * @param objects ids on the page
 * @param withStoredData of those, how many say {@code hasStoredData: true} (or do not say)
 * @param cursor the next page's cursor ({@code cursor} or {@code cursors.after}); {@code ""} at the end
 */
public record ObjectCountPage(int objects, int withStoredData, String cursor) {
    public ObjectCountPage {
        cursor = cursor == null ? "" : cursor;
    }
}
