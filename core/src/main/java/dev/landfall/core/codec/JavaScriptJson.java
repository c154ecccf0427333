package dev.landfall.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON text as a Worker sees it: the text {@code JSON.stringify(JSON.parse(json))} gives. Workers
 * KV hands a Worker its metadata parsed, so this is the only form the export Worker can send, and
 * the form {@code --via rest} therefore writes too (docs/bundle-format.md, "Metadata exported
 * from Cloudflare").
 *
 * <ul>
 *   <li>numbers go through a double and come out in JavaScript's spelling ({@code 1.50} → {@code
 *       1.5}, {@code 1e2} → {@code 100}, {@code 1e21} → {@code 1e+21}, {@code -0} → {@code 0}, a
 *       number too large for a double → {@code null});
 *   <li>members in JavaScript property order (array-index names first, ascending, then the rest
 *       as written); of a name given twice the last value wins, in the first one's place;
 *   <li>strings with only {@code "}, {@code \}, control characters and lone surrogates escaped;
 *       no whitespace.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class JavaScriptJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ValueEncoding JSON_ONLY = JavaScriptJson::write;

    private JavaScriptJson() {}

    /**
     * {@code JSON.stringify(JSON.parse(json))}.
     *
     * @throws IllegalArgumentException if {@code json} is not exactly one JSON value
     */
    public static String roundTrip(String json) {
        Objects.requireNonNull(json, "json");
        TypedValue value;
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("not JSON: the text is empty");
            }
            value = read(p, first);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not JSON: more than one value");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String does not fail", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // JSON.stringify escapes lone surrogates; it does not replace them.
            JSON_ONLY.writeTo(value, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static TypedValue read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                // JSON.parse defines each member in turn: a repeated name keeps its place, takes the new value.
                Map<String, TypedValue> members = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n == JsonToken.FIELD_NAME; n = p.nextToken()) {
                    String name = p.currentName();
                    members.put(name, read(p, p.nextToken()));
                }
                List<ObjectValue.Member> list = new ArrayList<>(members.size());
                members.forEach((name, v) -> list.add(new ObjectValue.Member(name, v)));
                return new ObjectValue(list);
            }
            case START_ARRAY -> {
                List<TypedValue> elements = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    elements.add(read(p, e));
                }
                return new ArrayValue(elements);
            }
            case VALUE_STRING -> {
                return new StringValue(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                // Java and JavaScript both round a decimal text to the nearest double.
                return TypedValue.number(Double.parseDouble(p.getText()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return BooleanValue.of(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new NullValue();
            }
            default -> throw new IllegalArgumentException("not JSON: unexpected " + t);
        }
    }

    private static void write(TypedValue value, CanonicalJsonWriter w) throws IOException {
        if (value instanceof ObjectValue o) {
            w.beginObject();
            for (ObjectValue.Member m : o.members()) {
                w.name(m.name());
                write(m.value(), w);
            }
            w.endObject();
        } else if (value instanceof ArrayValue a) {
            JSON_ONLY.array(a.elements(), w);
        } else if (value instanceof StringValue s) {
            w.string(s.value());
        } else if (value instanceof NumberValue n) {
            w.number(n.value());
        } else if (value == SpecialNumber.NEGATIVE_ZERO) {
            w.integer(0);
        } else if (value instanceof SpecialNumber) {
            w.nullValue(); // an infinity, from a number text beyond a double's range
        } else if (value instanceof BooleanValue b) {
            w.bool(b.value());
        } else {
            w.nullValue();
        }
    }
}
