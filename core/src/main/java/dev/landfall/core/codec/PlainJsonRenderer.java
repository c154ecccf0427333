package dev.landfall.core.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * A lossy plain-JSON view of a {@link TypedValue}, for stores that keep values in a native JSON
 * column (PostgreSQL {@code jsonb}) next to the lossless typed JSON. It gives what {@code
 * JSON.stringify} gives where that is defined, and a readable form where it is not:
 *
 * <ul>
 *   <li>Date: its ISO text; an invalid Date is {@code null}.
 *   <li>BigInt: its decimal text, as a string.
 *   <li>Bytes: base64 text (the view type is lost).
 *   <li>Map: an object when every key is a string, else an array of {@code [key, value]} pairs.
 *   <li>Set: an array.
 *   <li>{@code NaN} and the infinities: {@code null}; {@code -0}: {@code 0}.
 *   <li>{@code undefined}: left out as an object member or Map-object entry, {@code null} elsewhere.
 *   <li>RegExp: {@code "/source/flags"}.
 *   <li>Error: {@code {"name":…,"message":…}} (stack and cause are dropped).
 *   <li>Array holes: {@code null}, so a sparse array is written out to its full length.
 *   <li>Boxed primitives: the primitive.
 *   <li>An object with its own {@code "$t"} member: the object as it is; the output has no tags.
 *   <li>Lone surrogates in strings and member names: U+FFFD, so strict JSON readers accept the
 *       output (two names can then collide).
 * </ul>
 *
 * Output is compact UTF-8 with the escaping and number spelling of {@code JSON.stringify}.
 * Stateless and thread-safe.
 */
public final class PlainJsonRenderer {
    // Lone surrogates become U+FFFD (true below): jsonb and other strict readers refuse them.
    private static final ValueEncoding PLAIN = PlainJsonRenderer::write;

    /** Creates a renderer; it has no settings. */
    public PlainJsonRenderer() {}

    /** The plain JSON view of {@code value}, as UTF-8 bytes. */
    public byte[] render(TypedValue value) {
        return PLAIN.toBytes(value, true);
    }

    /**
     * Writes the plain JSON view of {@code value} to {@code out}, which is neither flushed nor closed.
     *
     * @throws IOException if {@code out} fails
     */
    public void render(TypedValue value, OutputStream out) throws IOException {
        PLAIN.writeTo(value, out, true);
    }

    private static void write(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof NullValue || value instanceof UndefinedValue) {
            w.nullValue();
        } else if (value instanceof BooleanValue b) {
            w.bool(b.value());
        } else if (value instanceof NumberValue n) {
            w.number(n.value());
        } else if (value instanceof SpecialNumber n) {
            if (n == SpecialNumber.NEGATIVE_ZERO) {
                w.integer(0);
            } else {
                w.nullValue();
            }
        } else if (value instanceof StringValue s) {
            w.string(s.value());
        } else if (value instanceof ArrayValue a) {
            PLAIN.array(a.elements(), w);
        } else if (value instanceof SparseArrayValue a) {
            writeSparse(a, w);
        } else if (value instanceof ObjectValue o) {
            w.beginObject();
            for (ObjectValue.Member m : o.members()) {
                member(m.name(), m.value(), w);
            }
            w.endObject();
        } else if (value instanceof MapValue m) {
            writeMap(m, w);
        } else if (value instanceof SetValue s) {
            PLAIN.array(s.elements(), w);
        } else {
            writeScalarLike(value, w);
        }
    }

    private static void writeScalarLike(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof DateValue d) {
            w.stringOrNull(d.isoString());
        } else if (value instanceof BigIntValue b) {
            w.string(b.value().toString());
        } else if (value instanceof BytesValue b) {
            w.string(Base64.getEncoder().encodeToString(b.bytes()));
        } else if (value instanceof RegExpValue r) {
            w.string("/" + r.source() + "/" + r.flags());
        } else if (value instanceof ErrorValue e) {
            w.beginObject();
            w.member("name", e.name());
            w.member("message", e.message().orElse(""));
            w.endObject();
        } else if (value instanceof BoxedValue b) {
            write(b.primitive(), w);
        } else {
            throw new IllegalStateException(
                    "unhandled TypedValue " + value.getClass().getName());
        }
    }

    private static void writeSparse(SparseArrayValue a, CanonicalJsonWriter w) throws IOException {
        w.beginArray();
        long next = 0;
        for (SparseArrayValue.Element e : a.elements()) {
            for (; next < e.index(); next++) {
                w.nullValue();
            }
            write(e.value(), w);
            next++;
        }
        for (; next < a.length(); next++) {
            w.nullValue();
        }
        w.endArray();
    }

    private static void writeMap(MapValue m, CanonicalJsonWriter w) throws IOException {
        boolean stringKeys = m.entries().stream().allMatch(e -> e.key() instanceof StringValue);
        if (stringKeys) {
            // JSON.parse would reorder index-like names; the plain view accepts that.
            w.beginObject();
            for (MapValue.Entry e : m.entries()) {
                member(((StringValue) e.key()).value(), e.value(), w);
            }
            w.endObject();
            return;
        }
        PLAIN.entries(m.entries(), w);
    }

    private static void member(String name, TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof UndefinedValue) {
            return;
        }
        w.name(name);
        write(value, w);
    }
}
