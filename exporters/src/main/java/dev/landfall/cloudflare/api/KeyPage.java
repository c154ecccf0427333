package dev.landfall.cloudflare.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a key list. A page may be short, or empty, while {@link #cursor} is not: only an
 * empty cursor ends the list (cloudflare-api.md §2.3).
 *
 * @param keys the keys in unsigned UTF-8 byte order
 * @param cursor where the next page starts; {@code ""} at the end (also for a null or absent one)
 */
public record KeyPage(List<ListedKey> keys, String cursor) {
    public KeyPage {
        keys = List.copyOf(keys);
        Objects.requireNonNull(cursor, "cursor");
    }

    /** Whether this is the last page. */
    public boolean last() {
        return cursor.isEmpty();
    }
}
