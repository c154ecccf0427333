package dev.landfall.cloudflare.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a Durable Object namespace's object list (cloudflare-api.md §3.2): what an export
 * reads (the ids) and what an inventory counts (how many hold data), from one reader.
 *
 * @param ids the object ids (64 hex), in the order listed
 * @param withStoredData of those, how many say {@code hasStoredData: true} (or do not say)
 * @param cursor where the next page starts ({@code cursor} or {@code cursors.after}); {@code ""} on
 *     the last page
 */
public record ObjectPage(List<String> ids, int withStoredData, String cursor) {
    public ObjectPage {
        ids = List.copyOf(ids);
        Objects.requireNonNull(cursor, "cursor");
    }
}
