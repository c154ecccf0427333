package dev.landfall.core.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * A JavaScript {@code Error}: {@code {"$t":"Error","name":"RangeError","message":"boom"}} with
 * optional {@code "stack"} and {@code "cause"}. These are the properties structured clone keeps;
 * other own properties of an error are lost when it is stored, and the name of an error whose
 * class is not built in becomes {@code "Error"}.
 *
 * @param name the error name: {@code Error}, {@code EvalError}, {@code RangeError}, {@code
 *     ReferenceError}, {@code SyntaxError}, {@code TypeError} or {@code URIError} after a clone
 * @param message the own {@code message} property, empty when the error has none ({@code new
 *     Error()})
 * @param stack the {@code stack} string, if it has one
 * @param cause the own {@code cause} property, if it has one
 */
public record ErrorValue(String name, Optional<String> message, Optional<String> stack, Optional<TypedValue> cause)
        implements TypedValue {
    public ErrorValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(cause, "cause");
    }

    /** An error with a name and message, without stack or cause. */
    public static ErrorValue of(String name, String message) {
        return new ErrorValue(name, Optional.of(message), Optional.empty(), Optional.empty());
    }
}
