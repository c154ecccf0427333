package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readers of the KV results, each streaming its {@code result} one element at a time from a
 * parser positioned at the result's first token ({@link EnvelopeReader.ResultReader}).
 */
final class KvResults {
    private KvResults() {}

    /** The namespace list: an array of namespaces, each bound by {@code reader}. */
    static List<KvNamespaceInfo> namespaces(JsonParser p, ObjectReader reader) throws IOException {
        return JsonSteps.boundList(p, reader, "a list of namespaces", "a namespace");
    }

    /**
     * A key list page: {@code [{name, expiration?, metadata?}, …]}, the metadata taken as the exact
     * text sent through {@code tap} (which the parser must be reading from).
     */
    static List<ListedKey> keys(JsonParser p, RawJsonTap tap, JsonFactory factory, ByteArrayOutputStream scratch)
            throws IOException {
        JsonSteps.expect(p, JsonToken.START_ARRAY, "a list of keys");
        List<ListedKey> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonSteps.expect(p, JsonToken.START_OBJECT, "a listed key");
            String name = null;
            String metadata = null;
            Long expiration = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "metadata" -> metadata = tap.capture(p, factory, scratch);
                    case "expiration" -> expiration = epochSeconds(p, v);
                    default -> p.skipChildren();
                }
            }
            if (name == null) {
                throw new JsonParseException(p, "a listed key has no string \"name\"");
            }
            out.add(ListedKey.of(name, metadata, expiration));
        }
        return out;
    }

    /**
     * A bulk get result: {@code {"values": {key: text | null | {value, metadata, expiration}}}}.
     * Text values map to their text, nulls to empty; anything else is left out (read it alone).
     */
    static Map<String, Optional<String>> values(JsonParser p) throws IOException {
        JsonSteps.expect(p, JsonToken.START_OBJECT, "a bulk get result");
        Map<String, Optional<String>> values = new HashMap<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (!field.equals("values") || v != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_STRING) {
                    values.put(key, Optional.of(p.getText()));
                } else if (t == JsonToken.VALUE_NULL) {
                    values.put(key, Optional.empty());
                } else if (t == JsonToken.START_OBJECT) {
                    // The withMetadata shape {value, metadata, expiration}: take the value if it is text.
                    String text = JsonSteps.stringMember(p, "value");
                    if (text != null) {
                        values.put(key, Optional.of(text));
                    }
                } else {
                    // A JSON value (type "json") is not the stored text: leave it for a single read.
                    p.skipChildren();
                }
            }
        }
        return values;
    }

    /** A bulk write or delete result: {@code {successful_key_count, unsuccessful_keys}}. */
    static BulkWriteResult bulkWrite(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return BulkWriteResult.ALL;
        }
        long successful = -1;
        List<String> unsuccessful = new ArrayList<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (field.equals("successful_key_count") && v == JsonToken.VALUE_NUMBER_INT) {
                successful = p.getLongValue();
            } else if (field.equals("unsuccessful_keys") && v == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        unsuccessful.add(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new BulkWriteResult(successful, unsuccessful);
    }

    private static Long epochSeconds(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) Math.floor(p.getDoubleValue());
        }
        p.skipChildren();
        return null;
    }
}
