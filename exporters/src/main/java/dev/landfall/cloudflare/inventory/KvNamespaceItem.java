package dev.landfall.cloudflare.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One KV namespace of the account.
 *
 * @param id the namespace id
 * @param title its title
 * @param boundBy {@code SCRIPT.BINDING} of every binding to it, sorted
 * @param keys its key count when {@code --count-keys} was given
 * @param sample what a bulk get of keys spread over it said of its values, with {@code
 *     --count-keys} when it has keys
 */
public record KvNamespaceItem(
        String id, String title, List<String> boundBy, Optional<KeyCount> keys, Optional<ValueSample> sample) {
    public KvNamespaceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        boundBy = List.copyOf(boundBy);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(sample, "sample");
    }
}
