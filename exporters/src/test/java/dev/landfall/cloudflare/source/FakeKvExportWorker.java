package dev.landfall.cloudflare.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.model.Entry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KV half of the export-Worker protocol (docs/export-worker-protocol.md §3: {@code info}, {@code
 * kv/{binding}/keys}, {@code kv/{binding}/values}) over fixed entries, on loopback: the sandbox's
 * export Worker binds no KV namespace. Pages use the entry index as their cursor.
 */
final class FakeKvExportWorker implements AutoCloseable {
    private static final String ROOT = "/landfall/v1/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private final Map<String, List<Entry>> bindings;

    private FakeKvExportWorker(String secret, Map<String, List<Entry>> bindings) throws IOException {
        this.secret = secret;
        this.bindings = Map.copyOf(bindings);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ROOT, this::handle);
        server.start();
    }

    /** Serves each binding's entries, given in key order, behind {@code secret}. */
    static FakeKvExportWorker start(String secret, Map<String, List<Entry>> bindings) throws IOException {
        return new FakeKvExportWorker(secret, bindings);
    }

    /** The Worker's base URL; the client adds {@code /landfall/v1}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!("Bearer " + secret).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, MAPPER.createObjectNode().put("error", "unauthorized"));
                return;
            }
            String[] parts =
                    x.getRequestURI().getRawPath().substring(ROOT.length()).split("/");
            if (parts.length == 1 && parts[0].equals("info")) {
                ObjectNode info = MAPPER.createObjectNode().put("protocol", 1).put("typedJson", 1);
                info.putArray("durableObjects");
                bindings.keySet().stream().sorted().forEach(info.putArray("kv")::add);
                send(x, 200, info);
                return;
            }
            List<Entry> entries = parts.length == 3 && parts[0].equals("kv")
                    ? bindings.get(URLDecoder.decode(parts[1], StandardCharsets.UTF_8))
                    : null;
            if (entries == null) {
                send(x, 404, MAPPER.createObjectNode().put("error", "not found"));
                return;
            }
            JsonNode body = MAPPER.readTree(x.getRequestBody().readAllBytes());
            send(x, 200, parts[2].equals("keys") ? keys(entries, body) : values(entries, body));
        }
    }

    private static ObjectNode keys(List<Entry> entries, JsonNode body) throws IOException {
        int from =
                body.hasNonNull("cursor") ? Integer.parseInt(body.get("cursor").asText()) : 0;
        int to = Math.min(entries.size(), from + body.path("limit").asInt(1000));
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode keys = out.putArray("keys");
        for (Entry e : entries.subList(from, to)) {
            ObjectNode k = keys.addObject().put("name", e.key().text());
            if (e.expiration() != null) {
                k.put("expiration", e.expiration());
            }
            if (e.metadataJson() != null) {
                k.set("metadata", MAPPER.readTree(e.metadataJson()));
            }
        }
        return to < entries.size() ? out.put("cursor", String.valueOf(to)) : out.putNull("cursor");
    }

    private static ObjectNode values(List<Entry> entries, JsonNode body) throws IOException {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode values = out.putArray("values");
        for (JsonNode name : body.path("keys")) {
            Optional<Entry> hit = entries.stream()
                    .filter(e -> e.key().text().equals(name.asText()))
                    .findFirst();
            ObjectNode v = values.addObject().put("key", name.asText());
            if (hit.isEmpty()) {
                v.put("missing", true);
                continue;
            }
            v.put("b64", Base64.getEncoder().encodeToString(hit.get().value()));
            if (hit.get().metadataJson() != null) {
                v.set("metadata", MAPPER.readTree(hit.get().metadataJson()));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("landfall-export-protocol", "1");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
