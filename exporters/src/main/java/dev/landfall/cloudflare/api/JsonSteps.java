package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The steps every streaming reader of a Cloudflare answer takes, written once. */
final class JsonSteps {
    private JsonSteps() {}

    /** Fails unless the parser is at {@code token}; {@code what} names what was expected there. */
    static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw new JsonParseException(p, "expected " + what + ", found " + p.currentToken());
        }
    }

    /** Skips the value the parser is at; null, for a member that is not of the type wanted. */
    static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /**
     * The string member {@code name} of the object the parser is at, every other member skipped;
     * null when it has none or the value is not an object. The parser ends at the value's end.
     */
    static String stringMember(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return skip(p);
        }
        String text = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (field.equals(name) && v == JsonToken.VALUE_STRING) {
                text = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return text;
    }

    /** An array of objects, each bound by {@code reader}; {@code list} and {@code element} name them. */
    static <T> List<T> boundList(JsonParser p, ObjectReader reader, String list, String element) throws IOException {
        expect(p, JsonToken.START_ARRAY, list);
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, element);
            out.add(reader.readValue(p));
        }
        return out;
    }
}
