package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.landfall.core.codec.CloudflareEnvelope;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import dev.landfall.sandbox.InvalidUtf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KV bulk routes: bulk get (≤100 keys, ≤25 MiB), bulk write (≤10,000 items), bulk delete (two forms).
 *
 * @param store the namespaces served
 * @param clock what expirations are measured against
 * @param invalidUtf8 what bulk get {@code type: "text"} does with a value that is not UTF-8
 */
public record KvBulkRoutes(KvStore store, Clock clock, InvalidUtf8 invalidUtf8) {
    private static final String NS = KvNamespaceRoutes.ONE;
    private static final long BULK_GET_BODY_LIMIT = 1024 * 1024;
    private static final long BULK_DELETE_BODY_LIMIT = 32L * 1024 * 1024;

    public void register(Router router) {
        router.add("PUT", NS + "/bulk", "workers-kv-namespace-write-multiple-key-value-pairs", this::write);
        router.add(
                "DELETE",
                NS + "/bulk",
                "workers-kv-namespace-delete-multiple-key-value-pairs-deprecated",
                this::delete);
        router.add("POST", NS + "/bulk/delete", "workers-kv-namespace-delete-multiple-key-value-pairs", this::delete);
        router.add("POST", NS + "/bulk/get", "workers-kv-namespace-get-multiple-key-value-pairs", this::get);
    }

    private ApiResponse get(ApiRequest r) throws IOException {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "bulk get");
        JsonNode body = Bodies.json(r, BULK_GET_BODY_LIMIT);
        JsonNode keys = body.get("keys");
        if (keys == null || !keys.isArray()) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The body needs \"keys\": an array of key names.");
        }
        if (keys.size() == 0) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "You must request a minimum of 1 key");
        }
        if (keys.size() > KvRules.MAX_BULK_GET_KEYS) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_BODY, "You can request a maximum of " + KvRules.MAX_BULK_GET_KEYS + " keys");
        }
        String type = type(body.get("type"));
        boolean withMetadata = flag(body.get("withMetadata"), "withMetadata");
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode k : keys) {
            if (!k.isTextual()) {
                throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "Every item of \"keys\" must be a string.");
            }
            KvRules.key(k.asText());
            names.add(k.asText());
        }
        long now = clock.instant().getEpochSecond();
        Map<String, KvItem> found = new LinkedHashMap<>();
        long total = 0;
        for (String name : names) {
            KvItem item = ns.get(Key.of(name), now).orElse(null);
            found.put(name, item);
            total += item == null ? 0 : item.value().size();
        }
        if (total > KvRules.MAX_BULK_GET_BYTES) {
            throw new ApiError(413, KvErrorCodes.TOO_LARGE, "Total size of request exceeds the limit of 25MB");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, KvItem> e : found.entrySet()) {
            KvItem item = e.getValue();
            values.put(e.getKey(), item == null ? null : decode(item.value().bytes(), type, invalidUtf8));
        }
        return Envelope.ok(g -> writeValues(g, found, values, withMetadata), null);
    }

    /** {@code type}: absent or null means text; otherwise the string "text" or "json". */
    private static String type(JsonNode type) {
        if (type == null || type.isNull()) {
            return "text";
        }
        if (!type.isTextual() || !(type.asText().equals("text") || type.asText().equals("json"))) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_BODY, "Invalid type " + type + ". Use \"text\" or \"json\".");
        }
        return type.asText();
    }

    /** A boolean field: absent or null is false; anything but a JSON boolean is refused, not guessed. */
    private static boolean flag(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_BODY, "Invalid \"" + field + "\": " + value + " is not true or false.");
        }
        return value.booleanValue();
    }

    private static Object decode(byte[] bytes, String type, InvalidUtf8 invalidUtf8) {
        if (type.equals("text")) {
            if (invalidUtf8 == InvalidUtf8.ERROR && !WhatwgUtf8.isValid(bytes)) {
                throw ApiError.badRequest(
                        KvErrorCodes.INVALID_BODY,
                        "At least one of the requested keys corresponds to a value that is not valid UTF-8");
            }
            return WhatwgUtf8.decode(bytes);
        }
        JsonNode node;
        try {
            node = Envelope.mapper().readTree(bytes);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_BODY, "At least one of the requested keys corresponds to a non-json value");
        }
        return node;
    }

    private static void writeValues(
            JsonGenerator g, Map<String, KvItem> found, Map<String, Object> values, boolean withMetadata)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("values");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
                continue;
            }
            KvItem item = found.get(e.getKey());
            if (withMetadata) {
                g.writeStartObject();
                g.writeFieldName("value");
                writeValue(g, v);
                g.writeFieldName("metadata");
                CloudflareEnvelope.metadataValue(g, item.metadataJson());
                if (item.expiration() != null) {
                    g.writeNumberField("expiration", item.expiration());
                }
                g.writeEndObject();
            } else {
                writeValue(g, v);
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof JsonNode node) {
            g.writeTree(node);
        } else {
            g.writeString((String) v);
        }
    }

    private ApiResponse write(ApiRequest r) throws IOException {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "bulk put");
        byte[] body = r.body(KvLimits.MAX_BULK_WRITE_BYTES, "The request body");
        long now = clock.instant().getEpochSecond();
        List<KvItem> good = new ArrayList<>();
        BulkProblems problems = new BulkProblems("bulk put");
        ObjectReader items = Envelope.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        int count = 0;
        try (JsonParser p = Envelope.mapper().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ApiError.badRequest(
                        KvErrorCodes.INVALID_BODY, "The body must be a JSON array of key-value pairs.");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int index = count++;
                if (count > KvLimits.MAX_BULK_WRITE_ITEMS) {
                    // Only counted, for the message: the request is refused whole.
                    p.skipChildren();
                    continue;
                }
                try {
                    good.add(bulkItem(items.readTree(p), now));
                } catch (ApiError e) {
                    problems.add(index, e);
                }
            }
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The request body is not valid JSON.");
        }
        if (count > KvLimits.MAX_BULK_WRITE_ITEMS) {
            throw BulkProblems.tooMany("bulk put", count, "key/value pairs");
        }
        problems.throwIfAny();
        good.forEach(ns::put);
        return Envelope.ok(CloudflareEnvelope.bulkResult(good.size()), null);
    }

    /** One item of a bulk write, checked as Cloudflare checks a single write. */
    private static KvItem bulkItem(JsonNode item, long now) {
        JsonNode name = item == null ? null : item.get("key");
        if (name == null || !name.isTextual()) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "it has no string \"key\".");
        }
        Key key = KvRules.key(name.asText());
        JsonNode value = item.get("value");
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "\"value\" must be a string.");
        }
        byte[] bytes;
        if (flag(item.get("base64"), "base64")) {
            bytes = base64(value.asText());
        } else {
            bytes = value.asText().getBytes(StandardCharsets.UTF_8);
        }
        KvRules.checkValueSize(bytes.length);
        Long expiration = null;
        JsonNode ttl = item.get("expiration_ttl");
        JsonNode exp = item.get("expiration");
        if (ttl != null && !ttl.isNull()) {
            expiration = KvRules.fromTtl(wholeNumber(ttl), now);
        } else if (exp != null && !exp.isNull()) {
            expiration = KvRules.absolute(wholeNumber(exp), now);
        }
        return new KvItem(key, KvValue.of(bytes), KvRules.metadataNode(item.get("metadata")), expiration);
    }

    private static byte[] base64(String text) {
        String s = text.replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException e2) {
                throw ApiError.badRequest(
                        KvErrorCodes.INVALID_BODY, "\"value\" is not base64, though \"base64\" is true.");
            }
        }
    }

    private static long wholeNumber(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0) {
            return n.asLong();
        }
        if (n.isTextual() && n.asText().matches("\\d{1,18}")) {
            return Long.parseLong(n.asText());
        }
        throw ApiError.badRequest(KvErrorCodes.INVALID_EXPIRATION, "expiration must be a whole number of seconds");
    }

    private ApiResponse delete(ApiRequest r) throws IOException {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "bulk delete");
        JsonNode body = Bodies.json(r, BULK_DELETE_BODY_LIMIT);
        if (!body.isArray()) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The body must be a JSON array of key names.");
        }
        if (body.size() > KvLimits.MAX_BULK_WRITE_ITEMS) {
            throw BulkProblems.tooMany("bulk delete", body.size(), "keys");
        }
        List<Key> keys = new ArrayList<>();
        BulkProblems problems = new BulkProblems("bulk delete");
        for (int i = 0; i < body.size(); i++) {
            JsonNode k = body.get(i);
            if (!k.isTextual()) {
                problems.add(i, KvErrorCodes.INVALID_BODY, "not a key name string.");
                continue;
            }
            try {
                keys.add(KvRules.key(k.asText()));
            } catch (ApiError e) {
                problems.add(i, e);
            }
        }
        problems.throwIfAny();
        keys.forEach(ns::delete);
        return Envelope.ok(CloudflareEnvelope.bulkResult(keys.size()), null);
    }
}
