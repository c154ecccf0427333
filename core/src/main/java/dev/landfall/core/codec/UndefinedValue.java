package dev.landfall.core.codec;

/**
 * JavaScript {@code undefined}, as an object member, array element, Map key or value or Set
 * element: {@code {"$t":"Undefined"}}. (Durable Object storage refuses {@code undefined} as a whole
 * value, but it survives inside one.)
 */
public record UndefinedValue() implements TypedValue {
    /** The one instance callers should use (all instances are equal). */
    public static final UndefinedValue INSTANCE = new UndefinedValue();
}
