package dev.landfall.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.model.Key;
import java.io.IOException;

/**
 * Cloudflare's v4 API envelope: {@code success}, {@code errors}, {@code messages}, {@code result},
 * {@code result_info}. The sandbox and {@code landfall serve} both answer in it, and clients parse
 * it by field order as often as by name, so both write it here; each brings its own error items.
 */
public final class CloudflareEnvelope {
    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Value {
        void write(JsonGenerator g) throws IOException;
    }

    /** An empty JSON array. */
    public static final Value EMPTY_ARRAY = g -> {
        g.writeStartArray();
        g.writeEndArray();
    };

    private CloudflareEnvelope() {}

    /**
     * The result of a KV bulk write or delete as the current API gives it: {@code
     * successful_key_count}, and {@code unsuccessful_keys} empty, since a bad item refuses the whole
     * request.
     */
    public static Value bulkResult(int successful) {
        return g -> {
            g.writeStartObject();
            g.writeNumberField("successful_key_count", successful);
            g.writeFieldName("unsuccessful_keys");
            EMPTY_ARRAY.write(g);
            g.writeEndObject();
        };
    }

    /**
     * One item of a KV key list: {@code name}, then {@code expiration} and {@code metadata} only
     * when the key has them, as Cloudflare omits them (clients test for the field, not for null).
     *
     * @param metadataJson the metadata as JSON text, written as it is; null for none
     */
    public static void listedKey(JsonGenerator g, Key key, Long expiration, String metadataJson) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", key.text());
        if (expiration != null) {
            g.writeNumberField("expiration", expiration);
        }
        if (metadataJson != null) {
            g.writeFieldName("metadata");
            g.writeRawValue(metadataJson);
        }
        g.writeEndObject();
    }

    /**
     * A key's metadata as a JSON value, as a metadata read's result and a bulk get's items carry
     * it: the text as it is, or {@code null} when the key has none.
     */
    public static void metadataValue(JsonGenerator g, String metadataJson) throws IOException {
        if (metadataJson == null) {
            g.writeNull();
        } else {
            g.writeRawValue(metadataJson);
        }
    }

    /** A success: no errors, the {@code messages} array, the result and, unless null, {@code result_info}. */
    public static void success(JsonGenerator g, Value messages, Value result, Value resultInfo) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("success", true);
        g.writeFieldName("errors");
        EMPTY_ARRAY.write(g);
        g.writeFieldName("messages");
        messages.write(g);
        g.writeFieldName("result");
        result.write(g);
        if (resultInfo != null) {
            g.writeFieldName("result_info");
            resultInfo.write(g);
        }
        g.writeEndObject();
    }

    /** A failure: the {@code errors} array, no messages and a null result. */
    public static void failure(JsonGenerator g, Value errors) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("success", false);
        g.writeFieldName("errors");
        errors.write(g);
        g.writeFieldName("messages");
        EMPTY_ARRAY.write(g);
        g.writeNullField("result");
        g.writeEndObject();
    }
}
