package dev.landfall.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.codec.CloudflareEnvelope;
import dev.landfall.core.codec.CloudflareEnvelope.Value;
import dev.landfall.core.model.KvErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Cloudflare's JSON envelope: {@code success}, {@code errors}, {@code messages}, {@code result}, {@code result_info}. */
final class CfEnvelope {
    static final JsonFactory JSON = new JsonFactory();
    static final Value EMPTY_OBJECT = g -> {
        g.writeStartObject();
        g.writeEndObject();
    };

    private CfEnvelope() {}

    /** A success with {@code result} and, unless null, {@code result_info}. */
    static Answer ok(Value result, Value resultInfo) {
        return Answer.json(
                200, write(g -> CloudflareEnvelope.success(g, CloudflareEnvelope.EMPTY_ARRAY, result, resultInfo)));
    }

    /**
     * The failure envelope; a 404 for a path (7003) also carries Cloudflare's second item, 7000. A
     * 400 with 7003 (a request line or escape that cannot be read) has 7003 alone, as the sandbox
     * answers and docs/serve.md says.
     */
    static Answer error(KvError e) {
        return Answer.json(
                e.status(),
                write(g -> CloudflareEnvelope.failure(g, errors -> {
                    errors.writeStartArray();
                    item(errors, e.code(), e.getMessage());
                    if (e.code() == KvErrorCodes.COULD_NOT_ROUTE && e.status() == 404) {
                        item(errors, KvErrorCodes.NO_ROUTE, "No route for that URI");
                    }
                    errors.writeEndArray();
                })));
    }

    static byte[] write(Value body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void item(JsonGenerator g, int code, String message) throws IOException {
        g.writeStartObject();
        g.writeNumberField("code", code);
        g.writeStringField("message", message);
        g.writeEndObject();
    }
}
