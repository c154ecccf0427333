package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reader for the {@code result} of the Durable Object object list, one element at a time. */
final class DoResults {
    private DoResults() {}

    /** {@code [{"id": "…", "hasStoredData": true}, …]}: the ids, other members skipped. */
    static List<String> objectIds(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "a list of Durable Objects");
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "a Durable Object");
            String id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("id") && v == JsonToken.VALUE_STRING) {
                    id = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (id == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "a Durable Object without an id");
            }
            out.add(id);
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(
                    p, "expected " + what + " but found " + p.currentToken());
        }
    }
}
