package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.KvErrorCodes;
import java.io.IOException;

/**
 * KV namespace routes: list, create, get, rename, delete.
 *
 * @param store the namespaces served
 */
public record KvNamespaceRoutes(KvStore store) {
    static final String BASE = "/accounts/{account_id}/storage/kv/namespaces";
    static final String ONE = BASE + "/{namespace_id}";

    public void register(Router router) {
        router.add("GET", BASE, "workers-kv-namespace-list-namespaces", this::list);
        router.add("POST", BASE, "workers-kv-namespace-create-a-namespace", this::create);
        router.add("GET", ONE, "workers-kv-namespace-get-a-namespace", this::get);
        router.add("PUT", ONE, "workers-kv-namespace-rename-a-namespace", this::rename);
        router.add("DELETE", ONE, "workers-kv-namespace-remove-a-namespace", this::delete);
    }

    private ApiResponse list(ApiRequest r) {
        String order = Queries.choice(r, "order", "id", "id", "title");
        boolean asc = Queries.choice(r, "direction", "asc", "asc", "desc").equals("asc");
        return Paging.page(r, store.sorted(order, asc), 20, KvNamespaceRoutes::write);
    }

    private ApiResponse create(ApiRequest r) throws IOException {
        KvNamespaceState ns = store.create(title(r));
        return Envelope.ok(g -> write(g, ns), null);
    }

    private ApiResponse get(ApiRequest r) {
        KvNamespaceState ns = store.require(r.param("namespace_id"), "get namespace");
        return Envelope.ok(g -> write(g, ns), null);
    }

    private ApiResponse rename(ApiRequest r) throws IOException {
        String id = r.param("namespace_id");
        KvNamespaceState ns = store.require(id, "rename namespace");
        store.rename(id, title(r));
        // The renamed namespace, as the current API answers (wrangler prints its title).
        return Envelope.ok(g -> write(g, ns), null);
    }

    private ApiResponse delete(ApiRequest r) {
        store.delete(r.param("namespace_id"));
        return Envelope.ok(KvNamespaceRoutes::emptyObject, null);
    }

    private static String title(ApiRequest r) throws IOException {
        JsonNode body = Bodies.json(r, 64 * 1024);
        JsonNode title = body.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The body needs a non-empty \"title\".");
        }
        if (title.asText().length() > 512) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The title is longer than 512 characters.");
        }
        return title.asText();
    }

    static void write(JsonGenerator g, KvNamespaceState ns) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", ns.id());
        g.writeStringField("title", ns.title());
        g.writeBooleanField("supports_url_encoding", true);
        g.writeEndObject();
    }

    static void emptyObject(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeEndObject();
    }
}
