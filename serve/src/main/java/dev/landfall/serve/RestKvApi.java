package dev.landfall.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.codec.CloudflareEnvelope;
import dev.landfall.core.codec.KvWriteForm;
import dev.landfall.core.codec.Multipart;
import dev.landfall.core.io.BoundedBody;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess.KeyInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Cloudflare's Workers KV REST routes over a {@link KvService}: namespaces (list, get), keys
 * (list), values (read, write raw or multipart with metadata, delete), metadata (read), bulk write
 * and bulk delete. Answers and errors in Cloudflare's envelope; the account id in the path is not
 * checked.
 */
final class RestKvApi {
    private final KvService kv;

    RestKvApi(KvService kv) {
        this.kv = kv;
    }

    /** The route label for {@code /metrics}: method and resource, never the raw path. */
    static String routeName(String method, KvApiRequest r) {
        return routeName(method, r.resource());
    }

    /** The route label for {@code /metrics} of {@code method} on {@code resource}. */
    static String routeName(String method, KvApiRequest.Resource resource) {
        String[] known = ROUTE_NAMES.get(method);
        return known != null
                ? known[resource.ordinal()]
                : method + " " + resource.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The labels of the methods the routes take, made once: routeName runs on every request. */
    private static final Map<String, String[]> ROUTE_NAMES = Map.of(
            "GET",
            routeNames("GET"),
            "PUT",
            routeNames("PUT"),
            "DELETE",
            routeNames("DELETE"),
            "POST",
            routeNames("POST"));

    private static String[] routeNames(String method) {
        KvApiRequest.Resource[] all = KvApiRequest.Resource.values();
        String[] names = new String[all.length];
        for (KvApiRequest.Resource r : all) {
            names[r.ordinal()] = method + " " + r.name().toLowerCase(java.util.Locale.ROOT);
        }
        return names;
    }

    /**
     * Answers one request.
     *
     * @throws KvError for every refusal (the caller renders the envelope)
     * @throws IOException when the client goes away mid-body
     */
    Answer answer(String method, KvApiRequest r, String contentType, InputStream body) throws IOException {
        return switch (r.resource()) {
            case NAMESPACES -> only(method, "GET", () -> namespaces(r));
            case NAMESPACE -> only(method, "GET", () -> namespace(r));
            case KEYS -> only(method, "GET", () -> keys(r));
            case METADATA -> only(method, "GET", () -> metadata(r));
            case VALUE ->
                switch (method) {
                    case "GET" -> value(r);
                    case "PUT" -> put(r, contentType, body);
                    case "DELETE" -> delete(r);
                    default -> throw notAllowed(method);
                };
            case BULK ->
                switch (method) {
                    case "PUT" -> bulkPut(r, body);
                    case "DELETE" -> bulkDelete(r, body);
                    default -> throw notAllowed(method);
                };
            case BULK_DELETE -> only(method, "POST", () -> bulkDelete(r, body));
        };
    }

    @FunctionalInterface
    private interface Route {
        Answer answer() throws IOException;
    }

    private static Answer only(String method, String allowed, Route route) throws IOException {
        if (!method.equals(allowed)) {
            throw notAllowed(method);
        }
        return route.answer();
    }

    private static KvError notAllowed(String method) {
        return new KvError(405, KvErrorCodes.METHOD_NOT_ALLOWED, "Method " + method + " not allowed for this path");
    }

    private Answer namespaces(KvApiRequest r) {
        List<KvNamespace> all = kv.namespaces();
        // Clamped, not refused, as the sandbox answers: Cloudflare's floor is 5, and wrangler has asked for 1000.
        int perPage =
                Math.max(5, Math.min(1000, intParam(r, "per_page", 20, Integer.MIN_VALUE + 1, Integer.MAX_VALUE)));
        int page = intParam(r, "page", 1, 1, Integer.MAX_VALUE);
        long from = Math.min((long) (page - 1) * perPage, all.size());
        List<KvNamespace> shown = all.subList((int) from, (int) Math.min(from + perPage, all.size()));
        return CfEnvelope.ok(
                g -> {
                    g.writeStartArray();
                    for (KvNamespace ns : shown) {
                        writeNamespace(g, ns);
                    }
                    g.writeEndArray();
                },
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("page", page);
                    g.writeNumberField("per_page", perPage);
                    g.writeNumberField("count", shown.size());
                    g.writeNumberField("total_count", all.size());
                    g.writeNumberField("total_pages", Math.max(1, (all.size() + perPage - 1) / perPage));
                    g.writeEndObject();
                });
    }

    private Answer namespace(KvApiRequest r) {
        KvNamespace ns = kv.namespaces().stream()
                .filter(n -> n.namespaceId().equals(r.namespaceId()))
                .findFirst()
                .orElseThrow(() -> KvError.namespaceNotFound("get namespace"));
        return CfEnvelope.ok(g -> writeNamespace(g, ns), null);
    }

    private Answer keys(KvApiRequest r) {
        kv.checkNamespace(r.namespaceId(), "list keys");
        String limit = r.param("limit");
        KeyListing page = kv.list(
                r.namespaceId(),
                r.param("prefix"),
                limit == null || limit.isEmpty() ? null : intParam(r, "limit", 1000, KvRules.MIN_REST_LIST_LIMIT, 1000),
                r.param("cursor"));
        return CfEnvelope.ok(
                g -> {
                    g.writeStartArray();
                    for (KeyInfo k : page.keys()) {
                        CloudflareEnvelope.listedKey(g, k.key(), k.expiration(), k.metadataJson());
                    }
                    g.writeEndArray();
                },
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("count", page.keys().size());
                    g.writeStringField("cursor", page.cursor());
                    g.writeBooleanField("list_complete", page.listComplete());
                    g.writeEndObject();
                });
    }

    private Answer value(KvApiRequest r) {
        kv.checkNamespace(r.namespaceId(), "get");
        Entry e =
                kv.getWithMetadata(r.namespaceId(), Key.ofBytes(r.key())).orElseThrow(() -> KvError.keyNotFound("get"));
        Map<String, String> headers =
                e.expiration() == null ? Map.of() : Map.of("expiration", Long.toString(e.expiration()));
        return new Answer(200, "application/octet-stream", headers, e.value());
    }

    private Answer metadata(KvApiRequest r) {
        kv.checkNamespace(r.namespaceId(), "metadata");
        Entry e = kv.getWithMetadata(r.namespaceId(), Key.ofBytes(r.key()))
                .orElseThrow(() -> KvError.keyNotFound("metadata"));
        return CfEnvelope.ok(g -> CloudflareEnvelope.metadataValue(g, e.metadataJson()), null);
    }

    private Answer put(KvApiRequest r, String contentType, InputStream in) throws IOException {
        kv.checkNamespace(r.namespaceId(), "put"); // before the body is read: it may be 25 MiB
        Key key = KvRules.key(Key.ofBytes(r.key()));
        Long expiration = longParam(
                r.param("expiration"),
                "Invalid expiration of %s. Please specify integer greater than the current number of seconds since"
                        + " the UNIX epoch.");
        Long ttl = longParam(
                r.param("expiration_ttl"), "Invalid expiration_ttl of %s. Please specify integer greater than 0.");
        KvWriteForm body;
        try {
            body = KvWriteForm.readBody(contentType, (limit, what) -> read(in, limit, what));
        } catch (Multipart.Malformed e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_BODY, e.getMessage());
        }
        kv.put(r.namespaceId(), key, body.value(), body.metadata().orElse(null), expiration, ttl);
        return CfEnvelope.ok(CfEnvelope.EMPTY_OBJECT, null);
    }

    private Answer delete(KvApiRequest r) {
        kv.checkNamespace(r.namespaceId(), "delete");
        kv.delete(r.namespaceId(), Key.ofBytes(r.key()));
        return CfEnvelope.ok(CfEnvelope.EMPTY_OBJECT, null);
    }

    /**
     * {@code [{"key", "value", "base64"?, "expiration"?, "expiration_ttl"?, "metadata"?}, …]}: every
     * item is checked before the first is written, so a bad item writes nothing.
     */
    private Answer bulkPut(KvApiRequest r, InputStream in) throws IOException {
        kv.checkNamespace(r.namespaceId(), "bulk put");
        List<BulkItem> items = bulkBody(
                in,
                JsonToken.START_OBJECT,
                BulkItem::read,
                "The body must be a JSON array of key-value pairs.",
                "The body must be one JSON array.");
        kv.putAll(
                r.namespaceId(),
                items.stream()
                        .map(i -> new KvService.Write(i.key(), i.value(), i.metadata(), i.expiration(), i.ttl()))
                        .toList());
        return CfEnvelope.ok(CloudflareEnvelope.bulkResult(items.size()), null);
    }

    /** {@code ["key", …]}: every key checked before the first is deleted. */
    private Answer bulkDelete(KvApiRequest r, InputStream in) throws IOException {
        // Also for an empty list, which deletes nothing and so never looked the namespace up.
        kv.checkNamespace(r.namespaceId(), "bulk delete");
        String notKeys = "The body must be a JSON array of key names.";
        List<Key> keys = bulkBody(in, JsonToken.VALUE_STRING, p -> KvRules.key(Key.of(p.getText())), notKeys, notKeys);
        for (Key key : keys) {
            kv.delete(r.namespaceId(), key);
        }
        return CfEnvelope.ok(CloudflareEnvelope.bulkResult(keys.size()), null);
    }

    /** Reads one bulk item, the parser at its first token. */
    private interface BulkReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * A bulk body: one JSON array of at most {@link KvLimits#MAX_BULK_WRITE_ITEMS} items, each beginning with
     * {@code itemStart}, all read (and so checked) before the caller writes any.
     */
    private static <T> List<T> bulkBody(
            InputStream in, JsonToken itemStart, BulkReader<T> item, String notAnArray, String notOneArray)
            throws IOException {
        byte[] body = read(in, KvLimits.MAX_BULK_WRITE_BYTES, "The request body");
        List<T> items = new ArrayList<>();
        try (JsonParser p = CfEnvelope.JSON.createParser(body)) {
            expect(p.nextToken() == JsonToken.START_ARRAY, notAnArray);
            while (p.nextToken() == itemStart) {
                items.add(item.read(p));
                if (items.size() > KvLimits.MAX_BULK_WRITE_ITEMS) {
                    throw tooMany();
                }
            }
            expect(p.currentToken() == JsonToken.END_ARRAY && p.nextToken() == null, notOneArray);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_BODY, "The body is not JSON.");
        }
        return items;
    }

    private static KvError tooMany() {
        return KvError.badRequest(
                KvErrorCodes.TOO_MANY_BULK_ITEMS,
                "Too many bulk operations: at most " + KvLimits.MAX_BULK_WRITE_ITEMS + " items per request.");
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw KvError.badRequest(KvErrorCodes.INVALID_BODY, message);
        }
    }

    /** One item of a bulk write. */
    private record BulkItem(Key key, byte[] value, String metadata, Long expiration, Long ttl) {
        static BulkItem read(JsonParser p) throws IOException {
            String key = null;
            String value = null;
            boolean base64 = false;
            String metadata = null;
            Long expiration = null;
            Long ttl = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "key" -> key = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "value" -> value = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "base64" -> base64 = t == JsonToken.VALUE_TRUE;
                    case "expiration" -> expiration = number(p, t, "expiration");
                    case "expiration_ttl" -> ttl = number(p, t, "expiration_ttl");
                    case "metadata" -> metadata = t == JsonToken.VALUE_NULL ? null : json(p);
                    default -> p.skipChildren();
                }
            }
            expect(key != null, "Every item needs \"key\": a string.");
            expect(value != null, "Every item needs \"value\": a string.");
            byte[] bytes;
            if (base64) {
                try {
                    bytes = Base64.getDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    throw KvError.badRequest(KvErrorCodes.INVALID_BODY, "The value of '" + key + "' is not base64.");
                }
            } else {
                bytes = value.getBytes(StandardCharsets.UTF_8);
            }
            return new BulkItem(Key.of(key), bytes, metadata, expiration, ttl);
        }

        private static Long number(JsonParser p, JsonToken t, String field) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw KvError.badRequest(
                        KvErrorCodes.INVALID_EXPIRATION, "Invalid " + field + " of " + p.getText() + ".");
            }
            return p.getLongValue();
        }

        private static String json(JsonParser p) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = CfEnvelope.JSON.createGenerator(out)) {
                g.copyCurrentStructure(p);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void writeNamespace(JsonGenerator g, KvNamespace ns) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", ns.namespaceId());
        g.writeStringField("title", ns.title());
        g.writeBooleanField("supports_url_encoding", true);
        g.writeEndObject();
    }

    private static Long longParam(String text, String message) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_EXPIRATION, String.format(message, text));
        }
    }

    private static int intParam(KvApiRequest r, String name, int fallback, int min, int max) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER, "Invalid " + name + " of " + v + ". Please specify an integer.");
        }
        if (n < min || n > max) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid " + name + " of " + n + ". Please specify an integer from " + min + " to " + max + ".");
        }
        return (int) n;
    }

    /** The whole body, or a 413 past {@code limit} (read to the end so the client sees the 413, not a reset). */
    static byte[] read(InputStream in, long limit, String what) throws IOException {
        return BoundedBody.read(in, limit)
                .orElseThrow(() ->
                        new KvError(413, KvErrorCodes.TOO_LARGE, what + " exceeds the limit of " + limit + " bytes."));
    }
}
