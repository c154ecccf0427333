package dev.landfall.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.model.KvErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Cloudflare's JSON envelope: {@code success}, {@code errors}, {@code messages}, {@code result}, {@code result_info}. */
final class CfEnvelope {
    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static final JsonFactory JSON = new JsonFactory();
    static final Body EMPTY_OBJECT = g -> {
        g.writeStartObject();
        g.writeEndObject();
    };

    private CfEnvelope() {}

    /** A success with {@code result} and, unless null, {@code result_info}. */
    static Answer ok(Body result, Body resultInfo) {
        return Answer.json(200, write(g -> {
            g.writeStartObject();
            g.writeBooleanField("success", true);
            g.writeArrayFieldStart("errors");
            g.writeEndArray();
            g.writeArrayFieldStart("messages");
            g.writeEndArray();
            g.writeFieldName("result");
            result.write(g);
            if (resultInfo != null) {
                g.writeFieldName("result_info");
                resultInfo.write(g);
            }
            g.writeEndObject();
        }));
    }

    /** The failure envelope; a 404 for a path also carries Cloudflare's second item, 7000. */
    static Answer error(KvError e) {
        return Answer.json(e.status(), write(g -> {
            g.writeStartObject();
            g.writeBooleanField("success", false);
            g.writeArrayFieldStart("errors");
            item(g, e.code(), e.getMessage());
            if (e.code() == KvErrorCodes.COULD_NOT_ROUTE) {
                item(g, KvErrorCodes.NO_ROUTE, "No route for that URI");
            }
            g.writeEndArray();
            g.writeArrayFieldStart("messages");
            g.writeEndArray();
            g.writeNullField("result");
            g.writeEndObject();
        }));
    }

    static byte[] write(Body body) {
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
