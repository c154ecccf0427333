package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a Cloudflare envelope with a Jackson {@link JsonParser} (STYLE.md §6): {@code result} is
 * handed to a {@link ResultReader} at its first token, so lists are read one element at a time;
 * {@code result_info} may come before or after it; unknown fields are skipped whole.
 *
 * <p>Thread-safe: the factory is shared and each read makes its own parser.
 */
final class EnvelopeReader {
    /** Reads the {@code result} value; the parser is at its first token and must end at its last. */
    @FunctionalInterface
    interface ResultReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * The limits, chosen on purpose: a KV value reaches 25 MiB, so strings may be 32 Mi chars;
     * names are KV keys in bulk get answers (512 bytes) or field names, so 64 KiB is generous;
     * metadata nests at most as deep as 1 KiB of JSON allows.
     */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(32 * 1024 * 1024)
            .maxNameLength(64 * 1024)
            .maxNestingDepth(1000)
            .maxNumberLength(1000)
            .build();

    private final JsonFactory factory;

    EnvelopeReader() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(CONSTRAINTS)
                // Field names are KV keys in bulk get answers: data, not a small vocabulary, so
                // never intern them. Canonicalizing stays on: without it Jackson reads bytes
                // through a char parser that knows no byte offsets (RawJsonTap needs them), and its
                // symbol table is bounded (it starts over past 6,000 names).
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    JsonFactory factory() {
        return factory;
    }

    /**
     * Reads one envelope from {@code in}.
     *
     * @throws JsonParseException (an IOException) when the body is not JSON or not an envelope
     * @throws IOException when the stream fails
     */
    <T> Envelope<T> read(InputStream in, ResultReader<T> resultReader) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            return read(p, resultReader);
        }
    }

    <T> Envelope<T> read(JsonParser p, ResultReader<T> resultReader) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected a Cloudflare envelope (a JSON object)");
        }
        Boolean success = null;
        List<ApiMessage> errors = List.of();
        T result = null;
        ResultInfo info = ResultInfo.NONE;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (field) {
                case "success" -> success = value == JsonToken.VALUE_TRUE;
                case "errors" -> errors = messages(p);
                case "result" -> result = value == JsonToken.VALUE_NULL ? null : resultReader.read(p);
                case "result_info" -> info = resultInfo(p);
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "the envelope ends early");
        }
        boolean ok = success != null ? success : errors.isEmpty();
        return new Envelope<>(ok, errors, result, info);
    }

    /** The {@code errors} of an error body read whole (a capped snippet); empty when it is not an envelope. */
    List<ApiMessage> errorsOf(String snippet) {
        if (snippet == null || snippet.isBlank()) {
            return List.of();
        }
        try (JsonParser p = factory.createParser(snippet.getBytes(StandardCharsets.UTF_8))) {
            Envelope<Object> e = read(p, parser -> {
                parser.skipChildren();
                return null;
            });
            return e.errors();
        } catch (IOException | RuntimeException notAnEnvelope) {
            return List.of();
        }
    }

    private static List<ApiMessage> messages(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<ApiMessage> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int code = 0;
            String message = "";
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                if (f.equals("code") && v.isNumeric()) {
                    code = p.getIntValue();
                } else if (f.equals("code") && v == JsonToken.VALUE_STRING) {
                    code = parseIntOrZero(p.getText());
                } else if (f.equals("message") && v == JsonToken.VALUE_STRING) {
                    message = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            out.add(new ApiMessage(code, message));
        }
        return out;
    }

    private static ResultInfo resultInfo(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return ResultInfo.NONE;
        }
        long page = -1;
        long perPage = -1;
        long count = -1;
        long totalCount = -1;
        String cursor = null;
        String after = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "page" -> page = number(p, v);
                case "per_page" -> perPage = number(p, v);
                case "count" -> count = number(p, v);
                case "total_count" -> totalCount = number(p, v);
                case "cursor" -> cursor = v == JsonToken.VALUE_STRING ? p.getText() : JsonSteps.skip(p);
                case "cursors" -> after = JsonSteps.stringMember(p, "after");
                default -> p.skipChildren();
            }
        }
        String c = cursor != null && !cursor.isEmpty() ? cursor : after;
        return new ResultInfo(page, perPage, count, totalCount, c);
    }

    private static long number(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        p.skipChildren();
        return -1;
    }

    private static int parseIntOrZero(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
