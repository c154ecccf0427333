package dev.landfall.core.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one typed JSON value from a Jackson parser by recursive descent, one token at a time, and
 * names the JSON path of any problem. This class reads the JSON structure; {@link TagReader} reads
 * the members of tagged objects. One reader per value; not thread-safe.
 */
final class TypedJsonReader {
    static final String HINT = "Typed JSON must follow docs/typed-json.md: check that the export Worker"
            + " and this Landfall version match, and report a bug if they do.";

    static final String ESCAPE_ADVICE =
            "an object with its own \"$t\" member is written as {\"$t\":\"Object\",\"v\":{…}}";

    final JsonParser p;
    final JsonPath path = new JsonPath();
    private final TagReader tags;

    TypedJsonReader(JsonParser parser) {
        this.p = parser;
        this.tags = new TagReader(this); // after p, which it reads
    }

    /** The path being read, for messages about errors the parser raises. */
    String path() {
        return path.toString();
    }

    /** Reads the value that starts at {@code token}, leaving the parser at its last token. */
    TypedValue readValue(JsonToken token) throws IOException {
        if (token == null) {
            throw fail("expected a value, got the end of the input");
        }
        switch (token) {
            case START_OBJECT:
                return readObject();
            case START_ARRAY:
                return new ArrayValue(readElements());
            case VALUE_STRING:
                return new StringValue(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return readNumber();
            case VALUE_TRUE:
                return BooleanValue.TRUE;
            case VALUE_FALSE:
                return BooleanValue.FALSE;
            case VALUE_NULL:
                return NullValue.INSTANCE;
            default:
                throw fail("expected a value, got " + token);
        }
    }

    /** An error naming the current path. */
    LandfallException fail(String message) {
        return LandfallException.failed(path + ": " + message, HINT);
    }

    /** Reads the elements of the array whose {@code [} is the current token, up to its {@code ]}. */
    List<TypedValue> readElements() throws IOException {
        List<TypedValue> elements = new ArrayList<>();
        path.pushIndex(0);
        while (true) {
            path.setIndex(elements.size()); // before nextToken, so a syntax error names this index
            JsonToken t = p.nextToken();
            if (t == END_ARRAY) {
                break;
            }
            elements.add(readValue(t));
        }
        path.pop();
        return elements;
    }

    /**
     * Reads members from the one named {@code name} (the current token) to the end of the object.
     * With {@code tagAllowed} false, a {@code "$t"} member is an error: it would have had to come
     * first.
     */
    List<ObjectValue.Member> readMembers(String name, boolean tagAllowed) throws IOException {
        List<ObjectValue.Member> members = new ArrayList<>();
        while (true) {
            if (!tagAllowed && TypedJson.TAG.equals(name)) {
                throw fail("member \"$t\" must come first; " + ESCAPE_ADVICE);
            }
            path.pushName(name);
            members.add(new ObjectValue.Member(name, readValue(p.nextToken())));
            path.pop();
            if (p.nextToken() == END_OBJECT) {
                return members;
            }
            name = p.currentName();
        }
    }

    /**
     * Reads an array of two-element arrays starting at {@code token}: each pair's first element
     * through {@code first}, its second as a typed value, combined by {@code pair}.
     */
    <T> List<T> readPairs(JsonToken token, String shape, ElementReader<?> first, PairMaker<T> pair) throws IOException {
        expect(token, START_ARRAY, "an array of " + shape + " pairs");
        List<T> pairs = new ArrayList<>();
        path.pushIndex(0);
        JsonToken t;
        while ((t = p.nextToken()) != END_ARRAY) {
            path.setIndex(pairs.size());
            expect(t, START_ARRAY, "a " + shape + " pair");
            Object[] elements = new Object[2];
            for (int i = 0; i < 2; i++) {
                JsonToken e = p.nextToken();
                if (e == END_ARRAY) {
                    throw fail("expected a " + shape + " pair, got " + i + " element" + (i == 1 ? "" : "s"));
                }
                path.pushIndex(i);
                elements[i] = i == 0 ? first.read(e) : readValue(e);
                path.pop();
            }
            if (p.nextToken() != END_ARRAY) {
                throw fail("expected a " + shape + " pair, got more than 2 elements");
            }
            pairs.add(pair.make(elements[0], (TypedValue) elements[1]));
        }
        path.pop();
        return pairs;
    }

    /** An object of {@code members}, failing at the current path if a name repeats. */
    ObjectValue newObject(List<ObjectValue.Member> members) {
        try {
            return new ObjectValue(members);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    String string(JsonToken t) throws IOException {
        expect(t, VALUE_STRING, "a string");
        return p.getText();
    }

    void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw fail("expected " + what + ", got " + describe(actual));
        }
    }

    private TypedValue readNumber() throws IOException {
        double value = p.getDoubleValue();
        if (Double.isInfinite(value)) {
            throw fail("number " + JsonPath.quote(p.getText()) + " is out of range for a JavaScript number");
        }
        if (value == 0 && p.getText().charAt(0) == '-') {
            return SpecialNumber.NEGATIVE_ZERO; // a plain -0 means -0, as JSON.parse reads it
        }
        return TypedValue.number(value);
    }

    private TypedValue readObject() throws IOException {
        if (p.nextToken() == END_OBJECT) {
            return ObjectValue.EMPTY;
        }
        String first = p.currentName();
        if (TypedJson.TAG.equals(first)) {
            if (p.nextToken() != VALUE_STRING) {
                throw fail("type tag must be a string; " + ESCAPE_ADVICE);
            }
            return tags.read(p.getText());
        }
        return newObject(readMembers(first, false));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }

    /** Reads one JSON value, starting at {@code token}, into a Java value. */
    interface ElementReader<T> {
        T read(JsonToken token) throws IOException;
    }

    /** Makes a pair from its two elements. */
    interface PairMaker<T> {
        T make(Object first, TypedValue second);
    }
}
