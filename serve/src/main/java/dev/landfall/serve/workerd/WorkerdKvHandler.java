package dev.landfall.serve.workerd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.codec.PercentDecoding;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.spi.KvAccess.KeyInfo;
import dev.landfall.core.text.VisibleText;
import dev.landfall.serve.Answer;
import dev.landfall.serve.KeyListing;
import dev.landfall.serve.KvError;
import dev.landfall.serve.KvService;
import dev.landfall.serve.ServeRequest;
import dev.landfall.serve.ServeRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP protocol workerd's KV binding speaks to the service behind a {@code kvNamespace}
 * binding (workerd {@code src/workerd/api/kv.c++}; Miniflare's KV plugin serves the same):
 *
 * <ul>
 *   <li>{@code GET /<key>?urlencoded=true[&cache_ttl=N]}: the value as the body, metadata JSON in
 *       {@code CF-KV-Metadata}, 404 when there is none;
 *   <li>{@code POST /bulk/get} with {@code {"keys":[...],"type":"text|json","withMetadata":bool}}:
 *       one JSON object from key to value (or {@code {value, metadata}}), null for missing keys;
 *   <li>{@code PUT /<key>?urlencoded=true[&expiration=S|&expiration_ttl=S]}, metadata in {@code
 *       CF-KV-Metadata}, the value as the body;
 *   <li>{@code DELETE /<key>?urlencoded=true};
 *   <li>{@code GET /?[prefix=][&key_count_limit=N][&cursor=]}: {@code {"keys":[{"name",
 *       "expiration", "metadata"}], "list_complete", "cursor"}}, metadata as a JSON string.
 * </ul>
 *
 * <p>workerd sends every binding's requests to {@code https://fake-host/...}, so neither host nor
 * path can tell namespaces apart; the namespace id comes in the {@value #NAMESPACE_HEADER} header,
 * which the binding's external service injects ({@code injectRequestHeaders}).
 *
 * <p>KV's semantics and limits are {@link KvService}'s; this class only translates. A refusal
 * keeps {@link KvError}'s status, which workerd turns into the Worker's {@code KV <OP> failed:
 * <status>} error (the message is the response body; the status line carries the standard
 * reason phrase), except that an unknown namespace is a 400, not a 404: workerd reads a 404 on a get as
 * a missing key, which would hide a misconfigured binding.
 */
public final class WorkerdKvHandler implements ServeRoute.Handler {
    /** The header carrying the namespace id of the binding a request came from. */
    public static final String NAMESPACE_HEADER = "X-Landfall-Namespace";

    /**
     * The header workerd's KV binding adds to every request it sends, whatever the config says
     * ({@code CF-KV-FLPROD-405}: the URL asked for; {@code getHttpClient} in workerd's {@code
     * kv.c++}): it tells a binding whose namespace header is missing from a client of serve's own
     * routes.
     */
    public static final String BINDING_HEADER = "CF-KV-FLPROD-405";

    static final String METADATA_HEADER = "CF-KV-Metadata";
    static final String EXPIRATION_HEADER = "CF-Expiration";
    static final int MAX_BULK_KEYS = 100;
    static final int MIN_CACHE_TTL = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KvService kv;

    public WorkerdKvHandler(KvService kv) {
        this.kv = kv;
    }

    @Override
    public Answer answer(ServeRequest request) throws IOException {
        try {
            return respond(request);
        } catch (KvError error) {
            int status = error.code() == KvErrorCodes.NAMESPACE_NOT_FOUND ? 400 : error.status();
            String message = error.code() == KvErrorCodes.NAMESPACE_NOT_FOUND
                    ? "kv namespace "
                            + VisibleText.of(request.header(NAMESPACE_HEADER))
                            + " is not in the store; set the binding's " + NAMESPACE_HEADER
                            + " to the id of an imported namespace."
                    : error.getMessage();
            return Answer.text(status, message);
        }
    }

    private Answer respond(ServeRequest request) throws IOException {
        String namespace = request.header(NAMESPACE_HEADER);
        if (namespace == null || namespace.isBlank()) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    (namespace == null
                                    ? "No " + NAMESPACE_HEADER + " header"
                                    : "The " + NAMESPACE_HEADER + " header is empty")
                            + ": landfall serve cannot tell which namespace this KV binding reads. In workerd's config,"
                            + " give the binding's external service http = (injectRequestHeaders = [(name = \""
                            + NAMESPACE_HEADER + "\", value = \"NAMESPACE_ID\")]), NAMESPACE_ID an imported"
                            + " namespace's id (landfall inventory lists them; see docs/workerd.md).");
        }
        String path = request.rawPath();
        Map<String, String> query = query(request.rawQuery());
        String method = request.method();
        if (path.equals("/")) {
            if (!method.equals("GET")) {
                throw new KvError(405, KvErrorCodes.METHOD_NOT_ALLOWED, "Only GET lists keys.");
            }
            return list(namespace, query);
        }
        if (method.equals("POST") && path.equals("/bulk/get")) {
            return bulkGet(request, namespace);
        }
        Key key = key(path.substring(1), "true".equalsIgnoreCase(query.get("urlencoded")));
        return switch (method) {
            case "GET" -> get(namespace, key, query.get("cache_ttl"));
            case "PUT" -> put(request, namespace, key, query);
            case "DELETE" -> {
                kv.delete(namespace, key);
                yield Answer.empty(200);
            }
            default ->
                throw new KvError(
                        405,
                        KvErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + method + " is not part of the KV binding protocol.");
        };
    }

    private Answer get(String namespace, Key key, String cacheTtl) {
        checkCacheTtl(cacheTtl);
        Optional<Entry> found = kv.getWithMetadata(namespace, key);
        if (found.isEmpty()) {
            return Answer.empty(404);
        }
        Entry entry = found.get();
        Map<String, String> headers = new LinkedHashMap<>();
        if (entry.metadataJson() != null) {
            headers.put(METADATA_HEADER, headerValue(entry.metadataJson()));
        }
        if (entry.expiration() != null) {
            headers.put(EXPIRATION_HEADER, entry.expiration().toString());
        }
        return new Answer(200, "application/octet-stream", headers, entry.value());
    }

    private Answer put(ServeRequest request, String namespace, Key key, Map<String, String> query) throws IOException {
        String length = request.header("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > KvLimits.MAX_VALUE_BYTES) {
            throw valueTooLarge(Long.parseLong(length));
        }
        String metadata = request.header(METADATA_HEADER);
        Long expiration = seconds(
                query.get("expiration"),
                "expiration",
                "greater than the current number of" + " seconds since the UNIX epoch");
        Long ttl = seconds(query.get("expiration_ttl"), "expiration_ttl", "greater than 0");
        byte[] value = readAtMost(request.body(), KvLimits.MAX_VALUE_BYTES);
        kv.put(namespace, key, value, metadata == null ? null : fromHeaderValue(metadata), expiration, ttl);
        return Answer.empty(200);
    }

    private Answer list(String namespace, Map<String, String> query) throws IOException {
        String rawLimit = query.get("key_count_limit");
        Integer limit = rawLimit == null ? null : integer(rawLimit, "key_count_limit", "greater than 0");
        String prefix = query.getOrDefault("prefix", "");
        if (Key.of(prefix).size() > KvLimits.MAX_KEY_BYTES) {
            throw new KvError(
                    414,
                    KvErrorCodes.INVALID_KEY,
                    "UTF-8 encoded length of " + Key.of(prefix).size() + " exceeds key length limit of "
                            + KvLimits.MAX_KEY_BYTES + ".");
        }
        KeyListing page = kv.list(namespace, prefix, limit, query.get("cursor"));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode keys = body.putArray("keys");
        for (KeyInfo info : page.keys()) {
            ObjectNode k = keys.addObject().put("name", info.key().text());
            if (info.expiration() != null) {
                k.put("expiration", info.expiration());
            }
            if (info.metadataJson() != null) {
                // workerd parses a list's metadata from a JSON string, where a get carries it in a header.
                k.put("metadata", info.metadataJson());
            }
        }
        body.put("list_complete", page.listComplete());
        if (!page.listComplete()) {
            body.put("cursor", page.cursor());
        }
        body.putNull("cacheStatus");
        return json(body);
    }

    private Answer bulkGet(ServeRequest http, String namespace) throws IOException {
        BulkGet request = BulkGet.parse(readAtMost(http.body(), KvLimits.MAX_VALUE_BYTES));
        checkCacheTtl(request.cacheTtl());
        ObjectNode body = JSON.createObjectNode();
        for (String name : request.keys()) {
            Optional<Entry> found = kv.getWithMetadata(namespace, Key.of(name));
            body.set(name, found.map(request::shape).orElse(null));
        }
        return json(body);
    }

    private static void checkCacheTtl(String raw) {
        if (raw != null && integer(raw, "cache_ttl", "of at least " + MIN_CACHE_TTL) < MIN_CACHE_TTL) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid cache_ttl of " + raw + ". Cache TTL must be at least " + MIN_CACHE_TTL + ".");
        }
    }

    /** Seconds as KV reads them: a fractional value counts its whole seconds, as JavaScript's parseInt does. */
    private static Long seconds(String raw, String name, String wanted) {
        if (raw == null) {
            return null;
        }
        String whole = raw.strip();
        int dot = whole.indexOf('.');
        try {
            return Long.parseLong(dot > 0 ? whole.substring(0, dot) : whole);
        } catch (NumberFormatException e) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_EXPIRATION,
                    "Invalid " + name + " of " + raw + ". Please specify integer " + wanted + ".");
        }
    }

    private static int integer(String raw, String name, String wanted) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid " + name + " of " + raw + ". Please specify an integer " + wanted + ".");
        }
    }

    /** A key from the path: workerd percent-encodes it as a path segment ({@code +} stays a plus). */
    static Key key(String raw, boolean urlencoded) {
        return urlencoded ? Key.ofBytes(percentDecode(raw)) : Key.of(raw);
    }

    private static byte[] percentDecode(String raw) {
        try {
            return PercentDecoding.path(raw);
        } catch (PercentDecoding.Malformed e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_PARAMETER, "Could not URL-decode key name.");
        }
    }

    private static Map<String, String> query(String raw) {
        try {
            return PercentDecoding.query(raw);
        } catch (PercentDecoding.Malformed e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_PARAMETER, "Could not URL-decode the query string.");
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw valueTooLarge(bytes.length + in.transferTo(OutputStream.nullOutputStream()));
        }
        return bytes;
    }

    private static KvError valueTooLarge(long length) {
        return new KvError(
                413,
                KvErrorCodes.TOO_LARGE,
                "Value length of " + length + " exceeds limit of " + KvLimits.MAX_VALUE_BYTES + ".");
    }

    /** The JDK server reads and writes header text as ISO-8859-1; workerd sends and reads UTF-8 bytes. */
    private static String fromHeaderValue(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String headerValue(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static Answer json(ObjectNode body) throws IOException {
        return Answer.json(200, JSON.writeValueAsBytes(body));
    }
}
