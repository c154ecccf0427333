package dev.landfall.core.codec;

/**
 * A JavaScript boolean; JSON {@code true} or {@code false}.
 *
 * @param value the boolean
 */
public record BooleanValue(boolean value) implements TypedValue {
    /** {@code true}. */
    public static final BooleanValue TRUE = new BooleanValue(true);
    /** {@code false}. */
    public static final BooleanValue FALSE = new BooleanValue(false);

    /** The shared instance for {@code value}. */
    public static BooleanValue of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
