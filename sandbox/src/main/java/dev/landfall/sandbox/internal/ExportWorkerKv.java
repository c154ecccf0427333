package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.codec.JavaScriptJson;
import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.model.Key;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The KV routes of the export-Worker protocol (docs/export-worker-protocol.md §3, {@code
 * kv/{binding}/keys} and {@code kv/{binding}/values}) over the sandbox's KV namespaces, answered
 * as router.mjs answers them for its bound namespaces, metadata included. Every namespace of the sandbox, seeded or
 * created later, is bound under its title (the binding name {@code KvWorkerSource} looks for), so
 * a rename moves its binding. Keys page as the REST list does ({@link KvNamespaceState#list}: a
 * page scans {@code limit} stored keys and may be short while a cursor follows), with the same
 * opaque cursors.
 */
final class ExportWorkerKv {
    private static final int MAX_KEYS = 1000;
    private static final int MAX_VALUES = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KvStore store;
    private final Clock clock;

    ExportWorkerKv(KvStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The binding names, sorted, as {@code info} lists them. */
    List<String> bindings() {
        return store.all().stream().map(KvNamespaceState::title).sorted().toList();
    }

    /** The namespace bound as {@code binding}, if any. */
    Optional<KvNamespaceState> bound(String binding) {
        return store.all().stream().filter(ns -> ns.title().equals(binding)).findFirst();
    }

    /** One page of keys in KV's order; {@code cursor} is null on the last page. */
    byte[] keys(KvNamespaceState ns, JsonNode request) throws ExportWorkerHandler.BadRequest, IOException {
        int limit = ExportWorkerHandler.limit(request.get("limit"), MAX_KEYS, MAX_KEYS);
        Optional<String> cursor = text(request, "cursor");
        Key after = cursor.isEmpty() ? null : decodeCursor(cursor.get());
        byte[] prefix = text(request, "prefix").orElse("").getBytes(StandardCharsets.UTF_8);
        KvNamespaceState.Page page = ns.list(prefix, after, limit, now());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("keys");
            for (KvItem item : page.items()) {
                g.writeStartObject();
                g.writeStringField("name", item.key().text());
                if (item.expiration() != null) {
                    g.writeNumberField("expiration", item.expiration());
                }
                writeMetadata(g, item);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField(
                    "cursor",
                    page.next().map(k -> OpaqueCursor.encode(k.bytes())).orElse(null));
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Values and metadata of up to 100 keys, in the order asked; a key not live is missing. With
     * {@code withExpiration} (protocol 2's {@code current}) each live key's expiration too, null
     * when it has none.
     */
    byte[] values(KvNamespaceState ns, JsonNode request, boolean withExpiration)
            throws ExportWorkerHandler.BadRequest, IOException {
        List<String> names = names(request.get("keys"));
        long now = now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("values");
            for (String name : names) {
                g.writeStartObject();
                g.writeStringField("key", name);
                Optional<KvItem> item = name.isEmpty() ? Optional.empty() : ns.get(Key.of(name), now);
                if (item.isEmpty()) {
                    g.writeBooleanField("missing", true);
                } else {
                    g.writeFieldName("b64");
                    g.writeBinary(item.get().value().bytes());
                    writeMetadata(g, item.get());
                    if (withExpiration) {
                        if (item.get().expiration() == null) {
                            g.writeNullField("expiration");
                        } else {
                            g.writeNumberField("expiration", item.get().expiration());
                        }
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * The metadata as router.mjs sends it: the binding hands the Worker the parsed value and the
     * router writes it with {@code JSON.stringify}, so the stored text's spelling is not seen.
     */
    private static void writeMetadata(JsonGenerator g, KvItem item) throws IOException {
        if (item.metadataJson() != null) {
            g.writeFieldName("metadata");
            g.writeRawValue(JavaScriptJson.roundTrip(item.metadataJson()));
        }
    }

    /** A non-empty string member; anything else is ignored, as router.mjs ignores it. */
    private static Optional<String> text(JsonNode request, String field) {
        JsonNode v = request.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Key decodeCursor(String cursor) throws ExportWorkerHandler.BadRequest {
        try {
            return Key.ofBytes(Queries.cursor(cursor));
        } catch (ApiError e) {
            throw new ExportWorkerHandler.BadRequest("cursor is not a cursor this Worker gave");
        }
    }

    private static List<String> names(JsonNode keys) throws ExportWorkerHandler.BadRequest {
        List<String> out = new ArrayList<>();
        if (keys != null && keys.isArray() && keys.size() <= MAX_VALUES) {
            for (JsonNode k : keys) {
                if (!k.isTextual()) {
                    break;
                }
                out.add(k.asText());
            }
            if (out.size() == keys.size()) {
                return out;
            }
        }
        throw new ExportWorkerHandler.BadRequest("keys must be an array of at most " + MAX_VALUES + " key names");
    }
}
