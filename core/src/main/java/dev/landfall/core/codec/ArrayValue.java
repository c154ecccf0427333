package dev.landfall.core.codec;

import java.util.List;

/**
 * A JavaScript array without holes; a JSON array. An array with holes is a {@link
 * SparseArrayValue}.
 *
 * @param elements the elements in index order; copied, unmodifiable
 */
public record ArrayValue(List<TypedValue> elements) implements TypedValue {
    /** The empty array. */
    public static final ArrayValue EMPTY = new ArrayValue(List.of());

    public ArrayValue {
        elements = List.copyOf(elements);
    }
}
