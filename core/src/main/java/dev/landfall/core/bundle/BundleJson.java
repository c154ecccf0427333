package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.landfall.core.text.JsonEscapes;
import java.io.IOException;
import java.io.StringWriter;

/** The JSON settings of the bundle format and a token copier that keeps numbers as written. */
final class BundleJson {
    /**
     * Longest string a bundle line may hold, in characters: a 25 MiB value in base64 is about 35
     * million characters, above Jackson's default limit of 20 million.
     */
    static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // A title or text value with a bidi or C1 control stays a JSON escape in the file, so that
            // zcat or less on a part cannot act on a terminal; it reads back as the same string.
            .characterEscapes(new JsonEscapes())
            .build();

    private BundleJson() {}

    /**
     * Copies the JSON value starting at the parser's current token to the generator. Numbers keep
     * their text (no round trip through double), so metadata reads back as it was written.
     */
    static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input inside a JSON value");
            }
            switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                default -> g.copyCurrentEvent(p);
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    /** The JSON value at the parser's current token as compact text (member order and numbers kept). */
    static String compact(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            copyValue(p, g);
        }
        return out.toString();
    }

    /**
     * Parses a JSON text that must be exactly one value and copies it, compact, to the generator.
     *
     * @throws JsonParseException when the text is not exactly one JSON value
     */
    static void copyText(String json, JsonGenerator g) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "empty JSON text");
            }
            copyValue(p, g);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one JSON value");
            }
        }
    }
}
