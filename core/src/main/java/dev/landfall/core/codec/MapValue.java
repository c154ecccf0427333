package dev.landfall.core.codec;

import java.util.List;
import java.util.Objects;

/**
 * A JavaScript {@code Map}: {@code {"$t":"Map","v":[[key,value],…]}} with the entries in insertion
 * order. Keys are any values, compared as JavaScript does: primitives by value (SameValueZero),
 * objects by identity, so two equal-looking object keys are two entries.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if two primitive keys are the same
 * value, or a key is {@code -0} (a Map stores {@code -0} as {@code 0}).
 *
 * @param entries the entries in insertion order; copied, unmodifiable
 */
public record MapValue(List<Entry> entries) implements TypedValue {
    /** The empty Map. */
    public static final MapValue EMPTY = new MapValue(List.of());

    public MapValue {
        entries = List.copyOf(entries);
        SameValueZero.checkDistinct(entries.stream().map(Entry::key).toList(), "Map key");
    }

    /**
     * One key and its value.
     *
     * @param key the key
     * @param value the value
     */
    public record Entry(TypedValue key, TypedValue value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
