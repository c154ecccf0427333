package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.model.KvErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Token verify (user and account paths), Durable Object lists, and Workers scripts.
 *
 * @param tokenId the id token verify reports (not the token)
 * @param dos the Durable Object namespaces listed
 * @param scripts the Workers scripts listed
 */
public record AccountRoutes(String tokenId, DurableObjectStore dos, WorkerScripts scripts) {
    private static final String ACCOUNT = "/accounts/{account_id}";
    private static final String DO = ACCOUNT + "/workers/durable_objects/namespaces";

    public void register(Router router) {
        router.add("GET", "/user/tokens/verify", "user-api-tokens-verify-token", this::verify);
        router.add("GET", ACCOUNT + "/tokens/verify", "account-api-tokens-verify-token", this::verify);
        router.add("GET", DO, "durable-objects-namespace-list-namespaces", this::doNamespaces);
        router.add("GET", DO + "/{id}/objects", "durable-objects-namespace-list-objects", this::doObjects);
        router.add("GET", ACCOUNT + "/workers/scripts", "worker-script-list-workers", this::scripts);
        router.add(
                "GET",
                ACCOUNT + "/workers/scripts/{script_name}/settings",
                "worker-script-get-settings",
                this::settings);
    }

    private ApiResponse verify(ApiRequest r) {
        return Envelope.ok(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", tokenId);
                    g.writeStringField("status", "active");
                    g.writeEndObject();
                },
                null,
                List.of(new ApiError.Item(KvErrorCodes.AUTHENTICATION, "This API Token is valid and active")));
    }

    private ApiResponse doNamespaces(ApiRequest r) {
        return Paging.page(r, dos.namespaces(), 20, (g, ns) -> {
            g.writeStartObject();
            g.writeStringField("id", ns.id());
            g.writeStringField("class", ns.className());
            g.writeStringField("name", ns.name());
            g.writeStringField("script", ns.script());
            g.writeBooleanField("use_sqlite", ns.useSqlite());
            g.writeEndObject();
        });
    }

    /** Object ids in order; the cursor is offered both as {@code cursor} and {@code cursors.after}. */
    private ApiResponse doObjects(ApiRequest r) {
        DurableObjectStore.Namespace ns = dos.find(r.param("id"))
                .orElseThrow(
                        () -> new ApiError(404, ApiError.DO_NAMESPACE_NOT_FOUND, "Durable Object namespace not found"));
        int limit = Queries.intParam(r, "limit", 1000, 10, 10_000);
        List<String> ids = ns.objectIds();
        int from = 0;
        String cursor = r.query("cursor").filter(c -> !c.isEmpty()).orElse(null);
        if (cursor != null) {
            String after = new String(Queries.cursor(cursor), StandardCharsets.UTF_8);
            int at = Collections.binarySearch(ids, after);
            from = at >= 0 ? at + 1 : -at - 1;
        }
        List<String> page = ids.subList(from, Math.min(ids.size(), from + limit));
        String next = from + page.size() < ids.size()
                ? OpaqueCursor.encode(page.get(page.size() - 1).getBytes(StandardCharsets.UTF_8))
                : "";
        return Envelope.ok(
                JsonBody.array(page, (g, id) -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeBooleanField("hasStoredData", true);
                    g.writeEndObject();
                }),
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("count", page.size());
                    g.writeStringField("cursor", next);
                    g.writeObjectFieldStart("cursors");
                    if (!next.isEmpty()) {
                        g.writeStringField("after", next);
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    private ApiResponse scripts(ApiRequest r) {
        List<ObjectNode> list = scripts.list();
        return Envelope.ok(JsonBody.array(list, JsonGenerator::writeTree), null);
    }

    private ApiResponse settings(ApiRequest r) {
        ObjectNode s = scripts.settings(r.param("script_name"))
                .orElseThrow(() ->
                        new ApiError(404, ApiError.SCRIPT_NOT_FOUND, "This Worker does not exist on your account."));
        return Envelope.ok(g -> g.writeTree(s), null);
    }
}
