package dev.landfall.core.codec;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A JavaScript BigInt: {@code {"$t":"BigInt","v":"-123"}}, the decimal text of {@code
 * BigInt.prototype.toString()}.
 *
 * @param value the integer
 */
public record BigIntValue(BigInteger value) implements TypedValue {
    public BigIntValue {
        Objects.requireNonNull(value, "value");
    }
}
