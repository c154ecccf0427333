package dev.landfall.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads typed JSON (docs/typed-json.md) into a {@link TypedValue}, streaming through a Jackson
 * {@link JsonParser} token by token, so no JSON tree is built.
 *
 * <p>Accepts canonical typed JSON and the spellings that mean the same value (whitespace, string
 * escapes, number forms, member order after {@code $t}); rejects everything else with a {@link
 * LandfallException} of kind {@code FAILED} whose message starts with the JSON path of the problem,
 * such as {@code $.a.b[2]: unknown type tag "Foo"}.
 *
 * <p>Thread-safe; one instance can serve all threads.
 */
public final class TypedJsonDecoder {
    /**
     * The limits used unless others are given: nesting depth 1000, strings and member names up to
     * 64 MiB characters, numbers up to 1000 characters. Durable Object values are at most 2 MB, so
     * these only stop input that is not a stored value.
     */
    public static final StreamReadConstraints DEFAULT_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(1000)
            .maxStringLength(64 << 20)
            .maxNameLength(64 << 20)
            .maxNumberLength(1000)
            .build();

    private final JsonFactory factory;

    /** A decoder with {@link #DEFAULT_CONSTRAINTS}. */
    public TypedJsonDecoder() {
        this(DEFAULT_CONSTRAINTS);
    }

    /** A decoder with the given parser limits. */
    public TypedJsonDecoder(StreamReadConstraints constraints) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(Objects.requireNonNull(constraints, "constraints"))
                // Member names are user data: don't intern them. Name canonicalization stays on,
                // because without it Jackson reads bytes through a Reader that turns malformed
                // UTF-8 into U+FFFD instead of failing.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * Decodes a whole UTF-8 document holding one typed JSON value.
     *
     * @throws LandfallException (FAILED) if the input is not typed JSON, naming the path
     */
    public TypedValue decode(byte[] utf8) {
        Objects.requireNonNull(utf8, "utf8");
        try (JsonParser parser = factory.createParser(utf8)) {
            return readDocument(parser);
        } catch (IOException e) {
            throw LandfallException.internal("reading a byte array failed", e);
        }
    }

    /** Decodes a whole document given as text; see {@link #decode(byte[])}. */
    public TypedValue decode(String json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser parser = factory.createParser(json)) {
            return readDocument(parser);
        } catch (IOException e) {
            throw LandfallException.internal("reading a string failed", e);
        }
    }

    /**
     * Decodes a whole UTF-8 document read from {@code in}, which is read to its end but not closed.
     *
     * @throws IOException if reading {@code in} fails
     * @throws LandfallException (FAILED) if the input is not typed JSON, naming the path
     */
    public TypedValue decode(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        try (JsonParser parser = factory.createParser(in)) {
            return readDocument(parser);
        }
    }

    /**
     * Reads one typed JSON value embedded in a larger document, such as the {@code value} of an
     * export Worker response entry. If the parser has no current token or is at a member name, it
     * first advances; it then reads the value starting at the current token and leaves the parser
     * at that value's last token, as {@code ObjectMapper.readValue(JsonParser)} does. Paths in
     * errors are relative to the value ({@code $} is the value itself). The parser's own limits
     * apply.
     *
     * @throws IOException if the underlying input fails
     * @throws LandfallException (FAILED) if the value is not typed JSON, naming the path
     */
    public TypedValue read(JsonParser parser) throws IOException {
        Objects.requireNonNull(parser, "parser");
        JsonToken t = parser.currentToken();
        if (t == null || t == JsonToken.FIELD_NAME) {
            t = parser.nextToken();
        }
        TypedJsonReader reader = new TypedJsonReader(parser);
        try {
            return reader.readValue(t);
        } catch (JsonProcessingException e) {
            throw malformed(reader, e);
        }
    }

    private static TypedValue readDocument(JsonParser parser) throws IOException {
        TypedJsonReader reader = new TypedJsonReader(parser);
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw reader.fail("no JSON value: the input is empty");
            }
            TypedValue value = reader.readValue(first);
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw reader.fail("trailing content after the value: " + JsonProblem.describe(e));
            }
            if (after != null) {
                throw reader.fail("trailing content after the value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw malformed(reader, e);
        }
    }

    private static LandfallException malformed(TypedJsonReader reader, JsonProcessingException e) {
        String what = e instanceof StreamConstraintsException ? "exceeds a reading limit" : "malformed JSON";
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return LandfallException.failed(
                reader.path() + ": " + what + where + ": " + JsonProblem.describe(e), TypedJsonReader.HINT, e);
    }
}
