package dev.landfall.cloudflare.worker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the Worker's KV answers (docs/export-worker-protocol.md §3, {@code kv/{binding}/keys} and
 * {@code kv/{binding}/values}) in one pass over their bytes. Metadata is kept as the exact JSON
 * text the Worker sent (the Worker's {@code JSON.stringify}), not as Jackson would write it again
 * ({@code 1.5e+21} stays {@code 1.5e+21}, not {@code 1.5E21}): the parser reads a byte array, so
 * the token offsets slice the text out.
 */
final class KvAnswers {
    /** The members of one listed key or read value that Landfall uses. */
    private record Item(String name, OptionalLong expiration, String b64, Optional<String> metadata) {}

    private KvAnswers() {}

    static KvKeyPage keys(byte[] body, JsonFactory json) throws IOException {
        List<WorkerKey> keys = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        try (JsonParser p = json.createParser(body)) {
            expect(p, JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("keys") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Item i = item(p, body, "name");
                        keys.add(new WorkerKey(i.name(), i.expiration(), i.metadata()));
                    }
                } else if (field.equals("cursor")
                        && t == JsonToken.VALUE_STRING
                        && !p.getText().isEmpty()) {
                    cursor = Optional.of(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return new KvKeyPage(keys, cursor);
    }

    static List<WorkerValue> values(byte[] body, JsonFactory json) throws IOException {
        List<WorkerValue> values = new ArrayList<>();
        try (JsonParser p = json.createParser(body)) {
            expect(p, JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && field.equals("values")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Item i = item(p, body, "key");
                        values.add(new WorkerValue(
                                i.name(),
                                Optional.ofNullable(i.b64()).map(Base64.getDecoder()::decode),
                                i.metadata(),
                                i.expiration()));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return values;
    }

    /** One object, the parser at its start; {@code nameField} holds the key's name. */
    private static Item item(JsonParser p, byte[] body, String nameField) throws IOException {
        String name = null;
        OptionalLong expiration = OptionalLong.empty();
        String b64 = null;
        Optional<String> metadata = Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals(nameField) && t == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else if (field.equals("expiration") && t != null && t.isNumeric()) {
                expiration = OptionalLong.of(p.getLongValue());
            } else if (field.equals("b64") && t == JsonToken.VALUE_STRING) {
                b64 = p.getText();
            } else if (field.equals("metadata")) {
                metadata = Optional.of(raw(p, body));
            } else {
                p.skipChildren();
            }
        }
        if (name == null) {
            throw new JsonParseException(p, "a KV item without its \"" + nameField + "\"");
        }
        return new Item(name, expiration, b64, metadata);
    }

    /** The value the parser is at, as sent: from its first byte to the byte after its last. */
    private static String raw(JsonParser p, byte[] body) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (p.currentToken().isScalarValue()) {
            p.finishToken(); // a string is read lazily: its end is not known before
        } else {
            p.skipChildren();
        }
        int end = (int) p.currentLocation().getByteOffset();
        return new String(body, start, end - start, StandardCharsets.UTF_8).strip();
    }

    private static void expect(JsonParser p, JsonToken want) throws IOException {
        JsonToken got = p.nextToken();
        if (got != want) {
            throw new JsonParseException(p, "expected " + want + " but found " + got);
        }
    }
}
