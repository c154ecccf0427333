package dev.landfall.core.codec;

/** JavaScript {@code null}; JSON {@code null}. */
public record NullValue() implements TypedValue {
    /** The one instance callers should use (all instances are equal). */
    public static final NullValue INSTANCE = new NullValue();
}
