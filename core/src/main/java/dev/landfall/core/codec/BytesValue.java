package dev.landfall.core.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Binary data: {@code {"$t":"Bytes","view":"Uint8Array","b64":"CQgH"}}. For a typed array or
 * {@code DataView} the bytes are those the view covers, not the rest of its buffer.
 *
 * <p>The array is owned by this value and never changed: callers must not modify the array they
 * pass in or get back. It is not copied, because values reach megabytes.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if the length is not a multiple of the
 * element size.
 *
 * @param view the JavaScript type that held the bytes
 * @param bytes the bytes, a whole number of {@link ViewType#elementSize()} elements
 */
public record BytesValue(ViewType view, byte[] bytes) implements TypedValue {
    public BytesValue {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length % view.elementSize() != 0) {
            throw new IllegalArgumentException(view.jsName() + " needs a whole number of " + view.elementSize()
                    + "-byte elements, got " + bytes.length + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesValue b && view == b.view && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * view.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BytesValue[" + view.jsName() + ", " + bytes.length + " bytes]";
    }
}
