package dev.landfall.cloudflare.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a Durable Object namespace's object ids.
 *
 * @param ids the object ids (64 hex), in the order listed
 * @param cursor where the next page starts; {@code ""} on the last page
 */
public record ObjectPage(List<String> ids, String cursor) {
    public ObjectPage {
        ids = List.copyOf(ids);
        Objects.requireNonNull(cursor, "cursor");
    }
}
