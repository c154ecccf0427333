package dev.landfall.core.codec;

/** The names typed JSON uses on the wire (docs/typed-json.md), in one place. */
final class TypedJson {
    /** The member that marks a tagged object; always its first member. */
    static final String TAG = "$t";

    static final String UNDEFINED = "Undefined";
    static final String NUMBER = "Number";
    static final String BIGINT = "BigInt";
    static final String DATE = "Date";
    static final String BYTES = "Bytes";
    static final String MAP = "Map";
    static final String SET = "Set";
    static final String REGEXP = "RegExp";
    static final String OBJECT = "Object";
    static final String ARRAY = "Array";
    static final String ERROR = "Error";
    static final String BOXED = "Boxed";

    private TypedJson() {}
}
