package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.codec.CloudflareEnvelope;
import java.io.IOException;
import java.util.List;

/** Writes one JSON value (a {@code result}, a {@code result_info}) into a generator. */
@FunctionalInterface
public interface JsonBody extends CloudflareEnvelope.Value {
    /** A JSON array of {@code items}, each written by {@code item}: every list {@code result}. */
    static <T> JsonBody array(List<T> items, ItemWriter<T> item) {
        return g -> {
            g.writeStartArray();
            for (T t : items) {
                item.write(g, t);
            }
            g.writeEndArray();
        };
    }

    /** Writes one list item. */
    @FunctionalInterface
    interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }
}
