package dev.landfall.core.codec;

import java.util.List;

/**
 * A JavaScript {@code Set}: {@code {"$t":"Set","v":[…]}} with the elements in insertion order.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if two primitive elements are the same
 * value (SameValueZero), or an element is {@code -0} (a Set stores {@code -0} as {@code 0}).
 *
 * @param elements the elements in insertion order; copied, unmodifiable
 */
public record SetValue(List<TypedValue> elements) implements TypedValue {
    /** The empty Set. */
    public static final SetValue EMPTY = new SetValue(List.of());

    public SetValue {
        elements = List.copyOf(elements);
        SameValueZero.checkDistinct(elements, "Set element");
    }
}
