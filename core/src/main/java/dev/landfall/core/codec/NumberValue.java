package dev.landfall.core.codec;

/**
 * A finite JavaScript number other than {@code -0}, written as a plain JSON number in the
 * shortest round-trip form JavaScript's {@code Number.prototype.toString} gives. Use {@link
 * TypedValue#number(double)} for doubles that may be special.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if {@code value} is NaN, infinite or
 * {@code -0.0}.
 *
 * @param value a finite double, never {@code -0.0}
 */
public record NumberValue(double value) implements TypedValue {
    public NumberValue {
        if (!Double.isFinite(value) || (value == 0 && 1 / value < 0)) {
            throw new IllegalArgumentException(
                    "NumberValue holds finite numbers other than -0, not " + value + "; use SpecialNumber");
        }
    }
}
