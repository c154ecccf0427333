package dev.landfall.sandbox.internal;

import dev.landfall.core.codec.CloudflareEnvelope;
import dev.landfall.core.codec.KvWriteForm;
import dev.landfall.core.codec.Multipart;
import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * KV key routes: list keys, and read, write, delete one value or its metadata.
 *
 * @param store the namespaces served
 * @param clock what expirations are measured against
 */
public record KvKeyRoutes(KvStore store, Clock clock) {
    private static final String NS = KvNamespaceRoutes.ONE;

    public void register(Router router) {
        router.add("GET", NS + "/keys", "workers-kv-namespace-list-a-namespace'-s-keys", this::listKeys);
        router.add("GET", NS + "/values/{key_name}", "workers-kv-namespace-read-key-value-pair", this::read);
        router.add(
                "PUT",
                NS + "/values/{key_name}",
                "workers-kv-namespace-write-key-value-pair-with-metadata",
                this::write);
        router.add("DELETE", NS + "/values/{key_name}", "workers-kv-namespace-delete-key-value-pair", this::delete);
        router.add(
                "GET", NS + "/metadata/{key_name}", "workers-kv-namespace-read-the-metadata-for-a-key", this::metadata);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private ApiResponse listKeys(ApiRequest r) {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "list keys");
        int limit = Queries.intParam(r, "limit", 1000, 10, 1000);
        byte[] prefix = r.query("prefix").orElse("").getBytes(StandardCharsets.UTF_8);
        Key after = r.query("cursor")
                .filter(c -> !c.isEmpty())
                .map(c -> Key.ofBytes(Queries.cursor(c)))
                .orElse(null);
        long now = now();
        KvNamespaceState.Page page = ns.list(prefix, after, limit, now);
        List<KvItem> items = page.items();
        String cursor = page.next().map(k -> OpaqueCursor.encode(k.bytes())).orElse("");
        return Envelope.ok(
                JsonBody.array(
                        items, (g, i) -> CloudflareEnvelope.listedKey(g, i.key(), i.expiration(), i.metadataJson())),
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("count", items.size());
                    g.writeStringField("cursor", cursor);
                    g.writeEndObject();
                });
    }

    private ApiResponse read(ApiRequest r) {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "get");
        Key key = KvRules.key(r.paramBytes("key_name"));
        KvItem item = ns.get(key, now()).orElseThrow(() -> ApiError.keyNotFound("get"));
        ApiResponse res =
                ApiResponse.bytes(200, "application/octet-stream", item.value().bytes());
        if (item.expiration() != null) {
            res.header("expiration", String.valueOf(item.expiration()));
        }
        return res;
    }

    private ApiResponse write(ApiRequest r) throws IOException {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "put");
        Key key = KvRules.key(r.paramBytes("key_name"));
        long now = now();
        Long expiration = KvRules.expiration(
                r.query("expiration").orElse(null), r.query("expiration_ttl").orElse(null), now);
        KvWriteForm body;
        try {
            body = KvWriteForm.readBody(r.header("Content-Type").orElse(null), r::body);
        } catch (Multipart.Malformed e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, e.getMessage());
        }
        byte[] value = body.value();
        String metadata = body.metadata().map(KvRules::metadataText).orElse(null);
        KvRules.checkValueSize(value.length);
        ns.put(new KvItem(key, KvValue.of(value), metadata, expiration));
        return Envelope.ok(KvNamespaceRoutes::emptyObject, null);
    }

    private ApiResponse delete(ApiRequest r) {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "delete");
        ns.delete(KvRules.key(r.paramBytes("key_name")));
        return Envelope.ok(KvNamespaceRoutes::emptyObject, null);
    }

    private ApiResponse metadata(ApiRequest r) {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "metadata");
        Key key = KvRules.key(r.paramBytes("key_name"));
        KvItem item = ns.get(key, now()).orElseThrow(() -> ApiError.keyNotFound("metadata"));
        return Envelope.ok(g -> CloudflareEnvelope.metadataValue(g, item.metadataJson()), null);
    }
}
