package dev.landfall.core.codec;

import java.util.List;
import java.util.Objects;

/**
 * A JavaScript array with at least one hole ({@code [1,,3]}, or {@code a[9]=1} on an empty array):
 * {@code {"$t":"Array","length":3,"v":[[0,1],[2,3]]}}, listing only the elements present. A hole
 * differs from an {@code undefined} element, which is present.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if the length is out of range, indices
 * are not strictly ascending or not below the length, or there is no hole (that array is an {@link
 * ArrayValue}).
 *
 * @param length the array length, 0 to 2^32−1
 * @param elements the present elements in ascending index order; copied, unmodifiable
 */
public record SparseArrayValue(long length, List<Element> elements) implements TypedValue {
    /** The largest JavaScript array length. */
    public static final long MAX_LENGTH = 4_294_967_295L;

    public SparseArrayValue {
        elements = List.copyOf(elements);
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("array length " + length + " is outside 0.." + MAX_LENGTH);
        }
        long last = -1;
        for (Element e : elements) {
            if (e.index() <= last) {
                throw new IllegalArgumentException(
                        "array indices must be strictly ascending, got " + e.index() + " after " + last);
            }
            if (e.index() >= length) {
                throw new IllegalArgumentException("array index " + e.index() + " is not below length " + length);
            }
            last = e.index();
        }
        if (elements.size() == length) {
            throw new IllegalArgumentException("array has no holes; write it as a plain JSON array");
        }
    }

    /**
     * One present element.
     *
     * @param index its index, 0 to 2^32−2
     * @param value its value
     */
    public record Element(long index, TypedValue value) {
        public Element {
            Objects.requireNonNull(value, "value");
            if (index < 0) {
                throw new IllegalArgumentException("array index " + index + " is negative");
            }
        }
    }
}
