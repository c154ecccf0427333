package dev.landfall.core.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes a {@link TypedValue} as canonical typed JSON (docs/typed-json.md): the exact UTF-8 bytes
 * of {@code JSON.stringify} applied to the Worker's encoding, so equal values give equal bytes and
 * {@code encode(decode(x))} is {@code x} for canonical {@code x}.
 *
 * <p>Stateless and thread-safe. The recursion depth follows the value's nesting, which the decoder
 * bounds.
 */
public final class TypedJsonEncoder {
    // Lone surrogates stay as escapes (false below): the encoding is lossless.
    private static final ValueEncoding TYPED = TypedJsonEncoder::write;

    /** Creates an encoder; it has no settings. */
    public TypedJsonEncoder() {}

    /** The canonical typed JSON of {@code value}, as UTF-8 bytes (no BOM, no trailing newline). */
    public byte[] encode(TypedValue value) {
        return TYPED.toBytes(value, false);
    }

    /** The canonical typed JSON of {@code value}, as a string. */
    public String encodeToString(TypedValue value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /**
     * Writes the canonical typed JSON of {@code value} to {@code out}, which is neither flushed nor
     * closed.
     *
     * @throws IOException if {@code out} fails
     */
    public void encode(TypedValue value, OutputStream out) throws IOException {
        TYPED.writeTo(value, out, false);
    }

    private static void write(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof NullValue) {
            w.nullValue();
        } else if (value instanceof BooleanValue b) {
            w.bool(b.value());
        } else if (value instanceof NumberValue n) {
            w.number(n.value());
        } else if (value instanceof StringValue s) {
            w.string(s.value());
        } else if (value instanceof ArrayValue a) {
            TYPED.array(a.elements(), w);
        } else if (value instanceof ObjectValue o) {
            writeObject(o, w);
        } else {
            writeTagged(value, w);
        }
    }

    private static void writeObject(ObjectValue o, CanonicalJsonWriter w) throws IOException {
        if (!o.members().stream().allMatch(m -> Utf16.isWellFormed(m.name()))) {
            // Strict JSON parsers (Jackson among them) refuse lone surrogates in member names.
            tag(w, TypedJson.OBJECT);
            w.name("entries");
            TYPED.pairs(o.members(), (m, out) -> out.string(m.name()), ObjectValue.Member::value, w);
            w.endObject();
            return;
        }
        boolean escape = o.has(TypedJson.TAG);
        if (escape) {
            tag(w, TypedJson.OBJECT);
            w.name("v");
        }
        w.beginObject();
        for (ObjectValue.Member m : o.members()) {
            w.name(m.name());
            write(m.value(), w);
        }
        w.endObject();
        if (escape) {
            w.endObject();
        }
    }

    private static void writeTagged(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof UndefinedValue) {
            tag(w, TypedJson.UNDEFINED);
        } else if (value instanceof SpecialNumber n) {
            tag(w, TypedJson.NUMBER);
            w.member("v", n.text());
        } else if (value instanceof BigIntValue b) {
            tag(w, TypedJson.BIGINT);
            w.member("v", b.value().toString());
        } else if (value instanceof DateValue d) {
            tag(w, TypedJson.DATE);
            w.name("v");
            w.stringOrNull(d.isoString());
        } else if (value instanceof BytesValue b) {
            tag(w, TypedJson.BYTES);
            w.member("view", b.view().jsName());
            w.member("b64", Base64.getEncoder().encodeToString(b.bytes()));
        } else if (value instanceof MapValue m) {
            tag(w, TypedJson.MAP);
            w.name("v");
            TYPED.entries(m.entries(), w);
        } else if (value instanceof SetValue s) {
            tag(w, TypedJson.SET);
            w.name("v");
            TYPED.array(s.elements(), w);
        } else {
            writeRareTagged(value, w);
        }
        w.endObject();
    }

    private static void writeRareTagged(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof RegExpValue r) {
            tag(w, TypedJson.REGEXP);
            w.member("source", r.source());
            w.member("flags", r.flags());
        } else if (value instanceof SparseArrayValue a) {
            tag(w, TypedJson.ARRAY);
            w.name("length");
            w.integer(a.length());
            w.name("v");
            TYPED.pairs(a.elements(), (e, out) -> out.integer(e.index()), SparseArrayValue.Element::value, w);
        } else if (value instanceof ErrorValue e) {
            tag(w, TypedJson.ERROR);
            w.member("name", e.name());
            if (e.message().isPresent()) {
                w.member("message", e.message().get());
            }
            if (e.stack().isPresent()) {
                w.member("stack", e.stack().get());
            }
            if (e.cause().isPresent()) {
                w.name("cause");
                write(e.cause().get(), w);
            }
        } else if (value instanceof BoxedValue b) {
            tag(w, TypedJson.BOXED);
            w.name("v");
            write(b.primitive(), w);
        } else {
            throw new IllegalStateException(
                    "unhandled TypedValue " + value.getClass().getName());
        }
    }

    /** Opens a tagged object and writes its {@code $t} member; the caller closes it. */
    private static void tag(CanonicalJsonWriter w, String tag) throws IOException {
        w.beginObject();
        w.member(TypedJson.TAG, tag);
    }
}
