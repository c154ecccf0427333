package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The export-Worker protocol (docs/export-worker-protocol.md, versions 1 and 2) for the seeded
 * Durable Objects and KV namespaces, as the real Worker answers it: each seeded class is a binding
 * of the same name, objects page out of {@link DurableObjectStore} in key order, each KV namespace
 * is a binding named by its title ({@link ExportWorkerKv}), and a missing or wrong secret gets the
 * one 401. Version 2 serves every route of version 1 and the change log ({@link
 * ChangeLogRoutes}). The sandbox holds no SQL tables. Not rate-limited: the Worker is not the REST
 * API. It takes the paths under {@link #CONTEXT}{@code /} and no others.
 */
public final class ExportWorkerHandler extends Handler.Abstract {
    /** Where the Worker lives on the sandbox's port. */
    public static final String CONTEXT = "/export-worker";

    private static final String PREFIX = CONTEXT + "/landfall/v";
    private static final byte[] UNAUTHORIZED = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_ENTRIES = 10_000;
    private static final int DEFAULT_ENTRIES = 1000;
    private static final int PAGE_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DurableObjectStore store;
    private final ExportWorkerKv kv;
    private final ChangeLogRoutes changes;
    private final byte[] secretDigest;

    /**
     * @param changeLog the change log protocol 2 serves, or empty when capture is off
     * @param account the sandbox's account id, named as the change log's
     */
    public ExportWorkerHandler(
            DurableObjectStore store,
            KvStore kv,
            Clock clock,
            String secret,
            Optional<ChangeLog> changeLog,
            String account) {
        super(InvocationType.BLOCKING);
        this.store = Objects.requireNonNull(store, "store");
        this.kv = new ExportWorkerKv(kv, clock);
        this.changes = new ChangeLogRoutes(changeLog, account);
        this.secretDigest = sha256(Objects.requireNonNull(secret, "secret"));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String rawPath = request.getHttpURI().getPath();
        if (!rawPath.startsWith(CONTEXT + "/")) {
            return false;
        }
        byte[] body = readBody(Request.asInputStream(request));
        if (!authorized(request.getHeaders().get("Authorization"))) {
            reply(401, UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"landfall-export\"")
                    .send(response, callback);
            return true;
        }
        WorkerAnswer answer;
        try {
            answer = route(request.getMethod(), rawPath, body);
        } catch (BadRequest e) {
            answer = error(400, e.getMessage());
        } catch (ApiError e) {
            // A binding's malformed percent-escape: the protocol's own 400, not the REST envelope.
            answer = error(400, e.getMessage());
        }
        reply(answer.status(), answer.body()).send(response, callback);
        return true;
    }

    /** A malformed request: answered 400 with its message. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** The same check as protocol.mjs: digests compared without an early exit. */
    private boolean authorized(String header) {
        boolean bearer = header != null && header.startsWith("Bearer ");
        byte[] given = sha256(bearer ? header.substring(7) : "");
        return MessageDigest.isEqual(given, secretDigest) && bearer;
    }

    private WorkerAnswer route(String method, String rawPath, byte[] body) throws BadRequest, IOException {
        int version;
        if (rawPath.startsWith(PREFIX + "1/")) {
            version = 1;
        } else if (rawPath.startsWith(PREFIX + "2/")) {
            version = 2;
        } else {
            return error(404, "not found");
        }
        String[] parts = rawPath.substring(PREFIX.length() + 2).split("/", -1);
        if (parts.length == 1 && parts[0].equals("info") && method.equals("GET")) {
            return info(version);
        }
        if (version == 2 && parts.length == 3 && parts[0].equals("changes")) {
            return changes.answer(method, parts[1], parts[2], body);
        }
        if (!method.equals("POST")) {
            return error(405, "not found");
        }
        if (parts.length == 4 && parts[0].equals("do")) {
            String binding = new String(ApiRequest.segment(parts[1]), StandardCharsets.UTF_8);
            Optional<DurableObjectStore.Namespace> ns = store.namespaces().stream()
                    .filter(n -> n.className().equals(binding))
                    .findFirst();
            if (ns.isEmpty()) {
                return error(404, "no Durable Object binding named " + MAPPER.writeValueAsString(binding));
            }
            if (!OBJECT_ID.matcher(parts[2]).matches()) {
                return error(400, "the object id is not a valid id of this namespace");
            }
            JsonNode request = parse(body);
            return switch (parts[3]) {
                case "entries" -> entries(ns.get(), parts[2], request);
                case "tables" -> json(200, "{\"sqlite\":" + ns.get().useSqlite() + ",\"schema\":[]}");
                case "rows" ->
                    ns.get().useSqlite()
                            ? error(404, "unknown table")
                            : error(400, "this Durable Object is not SQLite-backed");
                default -> error(404, "unknown operation");
            };
        }
        if (parts.length == 3 && parts[0].equals("kv")) {
            return kv(new String(ApiRequest.segment(parts[1]), StandardCharsets.UTF_8), parts[2], version, body);
        }
        return error(404, "not found");
    }

    private WorkerAnswer info(int version) {
        ObjectNode out = MAPPER.createObjectNode().put("protocol", version).put("typedJson", 1);
        var dos = out.putArray("durableObjects");
        store.namespaces().stream()
                .map(DurableObjectStore.Namespace::className)
                .sorted()
                .forEach(c -> dos.addObject().put("binding", c).put("className", c));
        kv.bindings().forEach(out.putArray("kv")::add);
        if (version == 2) {
            changes.describe(out);
        }
        return WorkerAnswer.json(200, out);
    }

    /** As router.mjs: the binding is checked before the body is read. */
    private WorkerAnswer kv(String binding, String operation, int version, byte[] body) throws BadRequest, IOException {
        Optional<KvNamespaceState> ns = kv.bound(binding);
        if (ns.isEmpty()) {
            return error(404, "no KV binding named " + MAPPER.writeValueAsString(binding));
        }
        return switch (operation) {
            case "keys" -> new WorkerAnswer(200, kv.keys(ns.get(), parse(body)));
            case "values" -> new WorkerAnswer(200, kv.values(ns.get(), parse(body), false));
            case "current" ->
                version >= 2 ? new WorkerAnswer(200, kv.values(ns.get(), parse(body), true)) : error(404, "not found");
            default -> error(404, "not found");
        };
    }

    private WorkerAnswer entries(DurableObjectStore.Namespace ns, String objectId, JsonNode request)
            throws BadRequest, IOException {
        int limit = limit(request.get("limit"), DEFAULT_ENTRIES, MAX_ENTRIES);
        JsonNode after = request.get("after");
        if (after != null && !after.isNull() && !after.isTextual()) {
            throw new BadRequest("after must be a string key");
        }
        Optional<Key> from = after == null || after.isNull() ? Optional.empty() : Optional.of(Key.of(after.asText()));
        List<Entry> all = store.entries(ns, objectId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String next = null;
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("entries");
            int count = 0;
            String last = null;
            for (Entry e : all) {
                if (from.isPresent() && e.key().compareTo(from.get()) <= 0) {
                    continue;
                }
                if (count == limit || (count > 0 && out.size() >= PAGE_BYTES)) {
                    next = last;
                    break;
                }
                g.writeStartObject();
                last = e.key().text();
                g.writeStringField("key", last);
                g.writeFieldName("value");
                g.writeRawValue(new String(e.value(), StandardCharsets.UTF_8));
                g.writeEndObject();
                g.flush();
                count++;
            }
            g.writeEndArray();
            g.writeStringField("next", next);
            g.writeEndObject();
        }
        return new WorkerAnswer(200, out.toByteArray());
    }

    /** A request's {@code limit}, as protocol.mjs reads it: absent is {@code fallback}. */
    static int limit(JsonNode node, int fallback, int max) throws BadRequest {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > max) {
            throw new BadRequest("limit must be an integer from 1 to " + max);
        }
        return node.asInt();
    }

    /** A request body: empty is {@code {}}, anything but a JSON object is a 400. */
    static JsonNode parse(byte[] body) throws BadRequest {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequest("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequest("the request body is not JSON");
        }
    }

    private static WorkerAnswer error(int status, String message) {
        return WorkerAnswer.error(status, message);
    }

    private static WorkerAnswer json(int status, String body) {
        return WorkerAnswer.raw(status, body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(16 * 1024 * 1024);
    }

    private static ApiResponse reply(int status, byte[] body) {
        return ApiResponse.bytes(status, "application/json; charset=utf-8", body)
                .header("Cache-Control", "no-store");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
