package dev.landfall.core.codec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JavaScript's key equality for Map keys and Set elements: primitives compare by value ({@code NaN}
 * equals itself), objects by identity. Structurally equal objects are therefore distinct, so only
 * primitives are checked.
 */
final class SameValueZero {
    private SameValueZero() {}

    static void checkDistinct(List<? extends TypedValue> keys, String what) {
        Set<TypedValue> seen = null;
        for (TypedValue key : keys) {
            if (key == SpecialNumber.NEGATIVE_ZERO) {
                throw new IllegalArgumentException(
                        "a " + what + " is never -0: JavaScript stores -0 as 0 in Maps and Sets");
            }
            if (!isPrimitive(key)) {
                continue;
            }
            if (seen == null) {
                seen = new HashSet<>();
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("duplicate " + what + " " + describe(key));
            }
        }
    }

    private static boolean isPrimitive(TypedValue v) {
        return v instanceof NullValue
                || v instanceof UndefinedValue
                || v instanceof BooleanValue
                || v instanceof NumberValue
                || v instanceof SpecialNumber
                || v instanceof StringValue
                || v instanceof BigIntValue;
    }

    private static String describe(TypedValue v) {
        if (v instanceof StringValue s) {
            return JsonPath.quote(s.value());
        }
        if (v instanceof NumberValue n) {
            return JsNumberFormat.format(n.value());
        }
        if (v instanceof BigIntValue b) {
            return b.value() + "n";
        }
        if (v instanceof SpecialNumber n) {
            return n.text();
        }
        if (v instanceof BooleanValue b) {
            return Boolean.toString(b.value());
        }
        return v instanceof NullValue ? "null" : "undefined";
    }
}
