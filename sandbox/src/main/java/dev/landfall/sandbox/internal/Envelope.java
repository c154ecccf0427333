package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.landfall.core.codec.CloudflareEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Cloudflare's JSON envelope: {@code success}, {@code errors}, {@code messages}, {@code result}, {@code result_info}. */
public final class Envelope {
    /** Where the databind mapper lives: loaded on first use, since it costs more than seeding. */
    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                        // A bulk-write value may be 25 MiB, ~34 MB as base64: above Jackson's default cap.
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxStringLength(200_000_000)
                                .build())
                        .build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    private Envelope() {}

    /**
     * The shared databind mapper (big decimals kept exact, trailing tokens refused, strings up to
     * 200 MB); thread-safe.
     */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** A success envelope with {@code result} and, when not null, {@code result_info}. */
    public static ApiResponse ok(CloudflareEnvelope.Value result, CloudflareEnvelope.Value resultInfo) {
        return ok(result, resultInfo, List.of());
    }

    /** A success envelope that also carries {@code messages}. */
    public static ApiResponse ok(
            CloudflareEnvelope.Value result, CloudflareEnvelope.Value resultInfo, List<ApiError.Item> messages) {
        return ApiResponse.json(
                200, write(g -> CloudflareEnvelope.success(g, m -> items(m, messages), result, resultInfo)));
    }

    /** The failure envelope for an error. */
    public static ApiResponse error(ApiError e) {
        return ApiResponse.json(
                e.status(), write(g -> CloudflareEnvelope.failure(g, errors -> items(errors, e.errors()))));
    }

    /** Serializes one JSON document. */
    public static byte[] write(CloudflareEnvelope.Value body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void items(JsonGenerator g, List<ApiError.Item> items) throws IOException {
        g.writeStartArray();
        for (ApiError.Item i : items) {
            g.writeStartObject();
            g.writeNumberField("code", i.code());
            g.writeStringField("message", i.message());
            if (!i.chain().isEmpty()) {
                g.writeFieldName("error_chain");
                items(g, i.chain());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
