package dev.landfall.core.codec;

/**
 * A Durable Object value as JavaScript sees it after structured clone: the JSON-native kinds plus
 * the kinds typed JSON tags with {@code $t}. Instances are immutable; every component is non-null.
 *
 * <p>Each JavaScript value has exactly one {@code TypedValue}: {@code -0}, {@code NaN} and the
 * infinities are {@link SpecialNumber}s, never {@link NumberValue}s, and an array with holes is a
 * {@link SparseArrayValue}, never an {@link ArrayValue}. {@link #number(double)} picks the right
 * kind for a double.
 */
public sealed interface TypedValue
        permits NullValue,
                BooleanValue,
                NumberValue,
                StringValue,
                ArrayValue,
                ObjectValue,
                UndefinedValue,
                SpecialNumber,
                BigIntValue,
                DateValue,
                BytesValue,
                MapValue,
                SetValue,
                RegExpValue,
                SparseArrayValue,
                ErrorValue,
                BoxedValue {

    /**
     * The value of a JavaScript number: a {@link NumberValue} when finite and not {@code -0}, else
     * the matching {@link SpecialNumber}.
     */
    static TypedValue number(double value) {
        if (Double.isNaN(value)) {
            return SpecialNumber.NAN;
        }
        if (value == Double.POSITIVE_INFINITY) {
            return SpecialNumber.POSITIVE_INFINITY;
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return SpecialNumber.NEGATIVE_INFINITY;
        }
        if (value == 0 && 1 / value < 0) {
            return SpecialNumber.NEGATIVE_ZERO;
        }
        return new NumberValue(value);
    }
}
