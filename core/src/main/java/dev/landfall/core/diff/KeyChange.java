package dev.landfall.core.diff;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.util.Objects;

/**
 * One key of a merge-join: what the store holds now and what the source says it should hold.
 *
 * @param kind what bringing the store in line would do
 * @param key the key
 * @param before the store's entry, or null when it has none
 * @param after the source's entry, or null when it has none
 */
public record KeyChange(ChangeKind kind, Key key, Entry before, Entry after) {
    public KeyChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }
}
