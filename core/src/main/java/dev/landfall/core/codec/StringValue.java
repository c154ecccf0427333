package dev.landfall.core.codec;

import java.util.Objects;

/**
 * A JavaScript string, as UTF-16 code units; it may hold lone surrogates, which typed JSON writes
 * as <code>&#92;udxxx</code> escapes.
 *
 * @param value the string
 */
public record StringValue(String value) implements TypedValue {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }
}
