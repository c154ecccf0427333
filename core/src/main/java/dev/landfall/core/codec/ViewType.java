package dev.landfall.core.codec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JavaScript type holding the bytes of a {@link BytesValue}: an {@code ArrayBuffer}, a typed
 * array or a {@code DataView}. Multi-byte element types hold their elements in little-endian
 * order, as on every Cloudflare host.
 */
public enum ViewType {
    /** {@code ArrayBuffer}. */
    ARRAY_BUFFER("ArrayBuffer", 1),
    /** {@code Int8Array}. */
    INT8_ARRAY("Int8Array", 1),
    /** {@code Uint8Array}. */
    UINT8_ARRAY("Uint8Array", 1),
    /** {@code Uint8ClampedArray}. */
    UINT8_CLAMPED_ARRAY("Uint8ClampedArray", 1),
    /** {@code Int16Array}. */
    INT16_ARRAY("Int16Array", 2),
    /** {@code Uint16Array}. */
    UINT16_ARRAY("Uint16Array", 2),
    /** {@code Int32Array}. */
    INT32_ARRAY("Int32Array", 4),
    /** {@code Uint32Array}. */
    UINT32_ARRAY("Uint32Array", 4),
    /** {@code Float16Array} (ES2025). */
    FLOAT16_ARRAY("Float16Array", 2),
    /** {@code Float32Array}. */
    FLOAT32_ARRAY("Float32Array", 4),
    /** {@code Float64Array}. */
    FLOAT64_ARRAY("Float64Array", 8),
    /** {@code BigInt64Array}. */
    BIGINT64_ARRAY("BigInt64Array", 8),
    /** {@code BigUint64Array}. */
    BIGUINT64_ARRAY("BigUint64Array", 8),
    /** {@code DataView}. */
    DATA_VIEW("DataView", 1);

    private final String jsName;
    private final int elementSize;

    ViewType(String jsName, int elementSize) {
        this.jsName = jsName;
        this.elementSize = elementSize;
    }

    /** The JavaScript constructor name, as written in the {@code view} member. */
    public String jsName() {
        return jsName;
    }

    /** Bytes per element; the byte length of a value is a multiple of it. */
    public int elementSize() {
        return elementSize;
    }

    /** The view type whose JavaScript name is exactly {@code jsName}, if any. */
    public static Optional<ViewType> fromJsName(String jsName) {
        return Arrays.stream(values()).filter(t -> t.jsName.equals(jsName)).findFirst();
    }
}
