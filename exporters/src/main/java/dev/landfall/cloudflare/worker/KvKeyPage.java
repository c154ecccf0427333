package dev.landfall.cloudflare.worker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a KV namespace's keys, read through the Worker.
 *
 * @param keys the keys in KV's order
 * @param cursor where the next page starts; empty on the last page
 */
public record KvKeyPage(List<WorkerKey> keys, Optional<String> cursor) {
    public KvKeyPage {
        keys = List.copyOf(keys);
        Objects.requireNonNull(cursor, "cursor");
    }
}
