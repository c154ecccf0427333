package dev.landfall.core.codec;

import java.util.Objects;

/**
 * A primitive wrapper object ({@code new Number(1)}, {@code new String("x")}, {@code new
 * Boolean(false)}, {@code Object(1n)}): {@code {"$t":"Boxed","v":1}}. Structured clone keeps these
 * distinct from the primitives they wrap.
 *
 * <p>The constructor throws {@code IllegalArgumentException} for any other kind.
 *
 * @param primitive the wrapped value: a {@link BooleanValue}, {@link NumberValue}, {@link
 *     SpecialNumber}, {@link StringValue} or {@link BigIntValue}
 */
public record BoxedValue(TypedValue primitive) implements TypedValue {
    public BoxedValue {
        Objects.requireNonNull(primitive, "primitive");
        if (!(primitive instanceof BooleanValue
                || primitive instanceof NumberValue
                || primitive instanceof SpecialNumber
                || primitive instanceof StringValue
                || primitive instanceof BigIntValue)) {
            throw new IllegalArgumentException("a Boxed value wraps a boolean, number, string or BigInt, not "
                    + primitive.getClass().getSimpleName());
        }
    }
}
