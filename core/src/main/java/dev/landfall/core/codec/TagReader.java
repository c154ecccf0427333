package dev.landfall.core.codec;

import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the members of a tagged object after its {@code "$t"} member, up to its end, into the
 * value the tag names; part of {@link TypedJsonReader}.
 */
final class TagReader {
    private static final Pattern BIGINT = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final TypedJsonReader r;
    private final JsonParser p;

    TagReader(TypedJsonReader reader) {
        this.r = reader;
        this.p = reader.p;
    }

    /** Reads the rest of the object tagged {@code tag}; the tag string is the current token. */
    TypedValue read(String tag) throws IOException {
        switch (tag) {
            case TypedJson.UNDEFINED:
                members(tag, List.of(), List.of(), (name, t) -> null);
                return UndefinedValue.INSTANCE;
            case TypedJson.NUMBER:
                return single(tag, this::specialNumber);
            case TypedJson.BIGINT:
                return single(tag, this::bigInt);
            case TypedJson.DATE:
                return single(tag, this::date);
            case TypedJson.BYTES:
                return bytes(tag);
            case TypedJson.MAP:
                return single(tag, this::map);
            case TypedJson.SET:
                return single(tag, t -> {
                    r.expect(t, START_ARRAY, "an array");
                    List<TypedValue> elements = r.readElements();
                    return valid(() -> new SetValue(elements));
                });
            case TypedJson.REGEXP:
                return regExp(tag);
            case TypedJson.OBJECT:
                return object(tag);
            case TypedJson.ARRAY:
                return sparseArray(tag);
            case TypedJson.ERROR:
                return error(tag);
            case TypedJson.BOXED:
                return single(tag, t -> {
                    TypedValue primitive = r.readValue(t);
                    return valid(() -> new BoxedValue(primitive));
                });
            default:
                throw r.fail("unknown type tag " + JsonPath.quote(tag));
        }
    }

    private TypedValue specialNumber(JsonToken t) throws IOException {
        String text = r.string(t);
        return SpecialNumber.fromText(text)
                .orElseThrow(() -> r.fail("invalid Number " + JsonPath.quote(text)
                        + ": expected \"NaN\", \"Infinity\", \"-Infinity\" or \"-0\""));
    }

    private TypedValue bigInt(JsonToken t) throws IOException {
        String text = r.string(t);
        if (!BIGINT.matcher(text).matches() || text.equals("-0")) {
            throw r.fail("invalid BigInt " + JsonPath.quote(text)
                    + ": expected decimal digits with an optional \"-\", no leading zeros, no \"-0\"");
        }
        return new BigIntValue(new BigInteger(text));
    }

    private TypedValue date(JsonToken t) throws IOException {
        if (t == VALUE_NULL) {
            return DateValue.invalid();
        }
        String text = r.string(t);
        return valid(() -> DateValue.ofEpochMillis(JsDateFormat.parse(text)));
    }

    private TypedValue bytes(String tag) throws IOException {
        Map<String, Object> m = members(tag, List.of("view", "b64"), List.of(), (name, t) -> {
            String text = r.string(t);
            return name.equals("view")
                    ? ViewType.fromJsName(text).orElseThrow(() -> r.fail("unknown Bytes view " + JsonPath.quote(text)))
                    : valid(() -> Base64Text.decode(text));
        });
        return valid(() -> new BytesValue((ViewType) m.get("view"), (byte[]) m.get("b64")));
    }

    private TypedValue map(JsonToken t) throws IOException {
        List<MapValue.Entry> entries = r.readPairs(
                t, "[key, value]", r::readValue, (key, value) -> new MapValue.Entry((TypedValue) key, value));
        return valid(() -> new MapValue(entries));
    }

    private TypedValue regExp(String tag) throws IOException {
        Map<String, Object> m = members(tag, List.of("source", "flags"), List.of(), (name, t) -> {
            String text = r.string(t);
            if (name.equals("flags")) {
                valid(() -> {
                    RegExpValue.checkFlags(text);
                    return text;
                });
            }
            return text;
        });
        return new RegExpValue((String) m.get("source"), (String) m.get("flags"));
    }

    private TypedValue object(String tag) throws IOException {
        Map<String, Object> m = members(
                tag,
                List.of(),
                List.of("v", "entries"),
                (name, t) -> name.equals("v") ? wrappedObject(t) : objectEntries(t));
        if (m.size() != 1) {
            throw r.fail("Object needs exactly one of the members \"v\" and \"entries\"");
        }
        return (TypedValue) m.values().iterator().next();
    }

    private ObjectValue wrappedObject(JsonToken t) throws IOException {
        r.expect(t, START_OBJECT, "an object");
        List<ObjectValue.Member> members =
                p.nextToken() == END_OBJECT ? List.of() : r.readMembers(p.currentName(), true);
        ObjectValue object = r.newObject(members);
        if (!object.has(TypedJson.TAG)) {
            throw r.fail("the Object wrapper is only for objects with a \"$t\" member; write this object plainly");
        }
        return object;
    }

    private ObjectValue objectEntries(JsonToken t) throws IOException {
        List<ObjectValue.Member> members = r.readPairs(
                t, "[name, value]", r::string, (name, value) -> new ObjectValue.Member((String) name, value));
        ObjectValue object = r.newObject(members);
        if (members.stream().allMatch(m -> Utf16.isWellFormed(m.name()))) {
            throw r.fail("the entries form is only for objects with a member name holding a lone surrogate;"
                    + " write this object plainly");
        }
        return object;
    }

    private TypedValue sparseArray(String tag) throws IOException {
        Map<String, Object> m = members(tag, List.of("length", "v"), List.of(), (name, t) -> {
            if (name.equals("v")) {
                return r.readPairs(
                        t,
                        "[index, value]",
                        this::arrayIndex,
                        (index, value) -> new SparseArrayValue.Element((Long) index, value));
            }
            if (t != VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw r.fail("expected an array length, a whole number from 0 to 4294967295");
            }
            return p.getLongValue();
        });
        @SuppressWarnings("unchecked")
        List<SparseArrayValue.Element> elements = (List<SparseArrayValue.Element>) m.get("v");
        return valid(() -> new SparseArrayValue((Long) m.get("length"), elements));
    }

    private Long arrayIndex(JsonToken t) throws IOException {
        if (t != VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
            throw r.fail("expected an array index, a whole number from 0 to 4294967294");
        }
        return p.getLongValue();
    }

    private TypedValue error(String tag) throws IOException {
        Map<String, Object> m = members(
                tag,
                List.of("name"),
                List.of("message", "stack", "cause"),
                (name, t) -> name.equals("cause") ? r.readValue(t) : r.string(t));
        return new ErrorValue(
                (String) m.get("name"),
                Optional.ofNullable((String) m.get("message")),
                Optional.ofNullable((String) m.get("stack")),
                Optional.ofNullable((TypedValue) m.get("cause")));
    }

    /** Reads a tagged object whose only member after {@code $t} is {@code "v"}; returns its value. */
    private TypedValue single(String tag, TypedJsonReader.ElementReader<TypedValue> reader) throws IOException {
        return (TypedValue)
                members(tag, List.of("v"), List.of(), (n, t) -> reader.read(t)).get("v");
    }

    /**
     * Reads the members up to the end of the tagged object, each through {@code reader} with the
     * path pointing at it, and checks that each required member came once and no other did.
     */
    private Map<String, Object> members(String tag, List<String> required, List<String> optional, MemberReader reader)
            throws IOException {
        Map<String, Object> values = new HashMap<>(4);
        while (p.nextToken() == FIELD_NAME) {
            String name = p.currentName();
            if (values.containsKey(name) || TypedJson.TAG.equals(name)) {
                throw r.fail("duplicate member " + JsonPath.quote(name));
            }
            if (!required.contains(name) && !optional.contains(name)) {
                throw r.fail("unexpected member " + JsonPath.quote(name) + " in " + tag);
            }
            r.path.pushName(name);
            Object value = reader.read(name, p.nextToken());
            r.path.pop();
            values.put(name, value);
        }
        for (String name : required) {
            if (!values.containsKey(name)) {
                throw r.fail(tag + " is missing member " + JsonPath.quote(name));
            }
        }
        return values;
    }

    /** Runs a model constructor, turning its {@code IllegalArgumentException} into an error at the path. */
    private <T> T valid(Construction<T> construction) {
        try {
            return construction.make();
        } catch (IllegalArgumentException e) {
            throw r.fail(e.getMessage());
        }
    }

    private interface Construction<T> {
        T make();
    }

    private interface MemberReader {
        Object read(String name, JsonToken token) throws IOException;
    }
}
