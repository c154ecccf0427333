package dev.landfall.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One way of writing a {@link TypedValue} as JSON (canonical typed JSON in {@link
 * TypedJsonEncoder}, the plain view in {@link PlainJsonRenderer}), and what both ways share: the
 * framing to bytes or to a stream, arrays and Map entries.
 */
@FunctionalInterface
interface ValueEncoding {
    /** Writes {@code value}, recursing through this encoding for what it contains. */
    void write(TypedValue value, CanonicalJsonWriter w) throws IOException;

    /** Writes {@code value} to {@code out}, flushing the writer's buffer but neither flushing nor closing {@code out}. */
    default void writeTo(TypedValue value, OutputStream out, boolean replaceLoneSurrogates) throws IOException {
        writeTo(value, new CanonicalJsonWriter(Objects.requireNonNull(out, "out"), replaceLoneSurrogates));
    }

    private void writeTo(TypedValue value, CanonicalJsonWriter w) throws IOException {
        Objects.requireNonNull(value, "value");
        write(value, w);
        w.flush();
    }

    /** {@code value} as UTF-8 bytes. */
    default byte[] toBytes(TypedValue value, boolean replaceLoneSurrogates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // Values are mostly small and exported by the hundred thousand: no 8 KiB buffer each.
            writeTo(value, new CanonicalJsonWriter(out, replaceLoneSurrogates, 256));
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    /** {@code [v, …]}. */
    default void array(Iterable<? extends TypedValue> values, CanonicalJsonWriter w) throws IOException {
        w.beginArray();
        for (TypedValue v : values) {
            write(v, w);
        }
        w.endArray();
    }

    /** {@code [[key, value], …]}, a Map's entries in their order. */
    default void entries(List<MapValue.Entry> entries, CanonicalJsonWriter w) throws IOException {
        pairs(entries, (e, out) -> write(e.key(), out), MapValue.Entry::value, w);
    }

    /**
     * {@code [[key, value], …]}, one two-element array per item in its order: how typed JSON writes
     * Map entries, object members and sparse array elements alike.
     */
    default <T> void pairs(Iterable<T> items, KeyWriter<T> key, Function<T, TypedValue> value, CanonicalJsonWriter w)
            throws IOException {
        w.beginArray();
        for (T item : items) {
            w.beginArray();
            key.write(item, w);
            write(value.apply(item), w);
            w.endArray();
        }
        w.endArray();
    }

    /** Writes the first element of a pair. */
    @FunctionalInterface
    interface KeyWriter<T> {
        void write(T item, CanonicalJsonWriter w) throws IOException;
    }
}
