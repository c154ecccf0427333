package dev.landfall.sandbox.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A valid request for every route the sandbox serves (some routes have more than one variant), and
 * the error cases whose envelopes {@link OpenApiConformanceTest} checks. Requests follow the spec:
 * the parameters it declares, and the body shapes it documents.
 */
final class SandboxExercises {

    private static final String KV = "/accounts/{account_id}/storage/kv/namespaces";
    private static final String NS = KV + "/{namespace_id}";
    private static final String DO = "/accounts/{account_id}/workers/durable_objects/namespaces";
    private static final String SCRIPTS = "/accounts/{account_id}/workers/scripts";
    /** A seeded key (KvSeeder's first hard key) that needs every kind of escaping. */
    private static final String HARD_KEY = "a/b c:d?é%+#";

    /**
     * One valid request; {@code send(extraQuery)} sets those query parameters on top of its own.
     */
    record Exercise(
            String method, String template, String variant, Function<Map<String, String>, SandboxRest.Reply> call) {

        SandboxRest.Reply send(Map<String, String> extraQuery) {
            return call.apply(extraQuery);
        }

        String describe() {
            return method + " " + template + " [" + variant + "]";
        }
    }

    /**
     * A request that must fail: with {@code status} ({@code 0}: any 4xx) and first error {@code
     * code} ({@code 0}: any). {@code template} is the operation it targets, null for a bad route.
     */
    record ErrorCase(int status, int code, String why, String method, String template, Request request) {}

    private final SandboxRest rest;
    private final String baseUrl;
    private final Map<String, List<Exercise>> byRoute = new LinkedHashMap<>();
    private final List<ErrorCase> errors = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    private SandboxExercises(SandboxRest rest, String baseUrl) {
        this.rest = rest;
        this.baseUrl = baseUrl;
    }

    /** Seeds what the requests need (a few keys) and builds them. */
    static SandboxExercises prepare(SandboxRest rest, String baseUrl) {
        SandboxExercises e = new SandboxExercises(rest, baseUrl);
        e.build();
        return e;
    }

    List<Exercise> of(String method, String template) {
        return byRoute.getOrDefault(method + " " + template, List.of());
    }

    List<ErrorCase> errors() {
        return errors;
    }

    private void add(
            String method, String template, String variant, Function<Map<String, String>, SandboxRest.Reply> call) {
        byRoute.computeIfAbsent(method + " " + template, k -> new ArrayList<>())
                .add(new Exercise(method, template, variant, call));
    }

    private void build() {
        String ns = rest.listNamespaces().stream()
                .filter(n -> n.path("title").asText().equals("conformance"))
                .map(n -> n.path("id").asText())
                .findFirst()
                .orElseThrow();
        rest.bulkPut(ns, """
                [{"key":"cf:text","value":"hello"},
                 {"key":"cf:json","value":"{\\"a\\":[1,2]}","metadata":{"m":1},"expiration_ttl":3600},
                 {"key":"cf:plain","value":"no metadata"}]
                """);
        String doNamespace = json(rest.get(rest.accountUrl("workers/durable_objects/namespaces")))
                .path("result")
                .path(0)
                .path("id")
                .asText();
        String script = json(rest.get(rest.accountUrl("workers/scripts")))
                .path("result")
                .path(0)
                .path("id")
                .asText();

        accountRoutes(doNamespace, script);
        namespaceRoutes(ns);
        keyRoutes(ns);
        bulkRoutes(ns);
        add("GET", "/__sandbox/stats", "stats", q -> rest.get(query(HttpUrl.get(baseUrl + "/__sandbox/stats"), q)));
        errorCases(ns);
    }

    private void accountRoutes(String doNamespace, String script) {
        HttpUrl base = HttpUrl.get(baseUrl);
        add(
                "GET",
                "/user/tokens/verify",
                "verify",
                q -> rest.get(query(
                        base.newBuilder().addPathSegments("user/tokens/verify").build(), q)));
        add(
                "GET",
                "/accounts/{account_id}/tokens/verify",
                "verify",
                q -> rest.get(query(rest.accountUrl("tokens/verify"), q)));
        add(
                "GET",
                DO,
                "page 1",
                q -> rest.get(query(
                        rest.accountUrl("workers/durable_objects/namespaces"),
                        Map.of("page", "1", "per_page", "20"),
                        q)));
        HttpUrl objects = rest.accountUrl("workers/durable_objects/namespaces", doNamespace, "objects");
        add("GET", DO + "/{id}/objects", "first page", q -> rest.get(query(objects, Map.of("limit", "10"), q)));
        add("GET", DO + "/{id}/objects", "next page", q -> {
            String cursor = json(rest.get(query(objects, Map.of("limit", "10"), Map.of())))
                    .path("result_info")
                    .path("cursor")
                    .asText();
            return rest.get(query(objects, Map.of("limit", "10", "cursor", cursor), q));
        });
        add("GET", SCRIPTS, "list", q -> rest.get(query(rest.accountUrl("workers/scripts"), q)));
        add(
                "GET",
                SCRIPTS + "/{script_name}/settings",
                "settings",
                q -> rest.get(query(rest.accountUrl("workers/scripts", script, "settings"), q)));
    }

    private void namespaceRoutes(String ns) {
        HttpUrl list = rest.accountUrl("storage/kv/namespaces");
        add(
                "GET",
                KV,
                "page 1 by title",
                q -> rest.get(
                        query(list, Map.of("page", "1", "per_page", "5", "order", "title", "direction", "asc"), q)));
        add("POST", KV, "create", q -> rest.send("POST", query(list, q), jsonBody(titleJson())));
        add("GET", NS, "get", q -> rest.get(query(rest.kvUrl(ns), q)));
        add("PUT", NS, "rename", q -> rest.send("PUT", query(rest.kvUrl(createNamespace()), q), jsonBody(titleJson())));
        add("DELETE", NS, "remove", q -> rest.send("DELETE", query(rest.kvUrl(createNamespace()), q), null));
    }

    private void keyRoutes(String ns) {
        HttpUrl keys = rest.kvUrl(ns, "keys");
        add("GET", NS + "/keys", "first page", q -> rest.get(query(keys, Map.of("limit", "10", "prefix", ""), q)));
        add("GET", NS + "/keys", "next page", q -> {
            String cursor = json(rest.get(query(keys, Map.of("limit", "10"), Map.of())))
                    .path("result_info")
                    .path("cursor")
                    .asText();
            return rest.get(query(keys, Map.of("limit", "10", "cursor", cursor), q));
        });
        String values = NS + "/values/{key_name}";
        add("GET", values, "hard key", q -> rest.get(query(valueUrl(ns, HARD_KEY), q)));
        // The 2024 form: multipart with "value" and "metadata".
        add(
                "PUT",
                values,
                "multipart",
                q -> rest.send(
                        "PUT",
                        query(valueUrl(ns, "cf:put é/?"), q),
                        new MultipartBody.Builder()
                                .setType(MultipartBody.FORM)
                                .addFormDataPart("value", "multipart value")
                                .addFormDataPart("metadata", "{\"someMetadataKey\":\"someMetadataValue\"}")
                                .build()));
        // The current form (drift table): raw bytes and ?expiration_ttl.
        add(
                "PUT",
                values,
                "raw body with expiration_ttl",
                q -> rest.send(
                        "PUT",
                        query(valueUrl(ns, "cf:raw"), Map.of("expiration_ttl", "3600"), q),
                        RequestBody.create(new byte[] {0, (byte) 0xFF, 1}, MediaType.get("application/octet-stream"))));
        add("DELETE", values, "delete", q -> rest.send("DELETE", query(valueUrl(ns, "cf:delete-me"), q), null));
        add(
                "GET",
                NS + "/metadata/{key_name}",
                "with metadata",
                q -> rest.get(query(rest.kvUrl(ns, "metadata", SandboxRest.encodeComponent("cf:json")), q)));
        add(
                "GET",
                NS + "/metadata/{key_name}",
                "no-metadata",
                q -> rest.get(query(rest.kvUrl(ns, "metadata", SandboxRest.encodeComponent("cf:plain")), q)));
    }

    private void bulkRoutes(String ns) {
        add(
                "PUT",
                NS + "/bulk",
                "write",
                q -> rest.send(
                        "PUT",
                        query(rest.kvUrl(ns, "bulk"), q),
                        jsonBody(
                                "[{\"key\":\"cf:bulk\",\"value\":\"AAEC/w==\",\"base64\":true,\"metadata\":{\"b\":true}}]")));
        add(
                "DELETE",
                NS + "/bulk",
                "delete (deprecated form)",
                q -> rest.send("DELETE", query(rest.kvUrl(ns, "bulk"), q), jsonBody("[\"cf:bulk\",\"cf:never\"]")));
        add(
                "POST",
                NS + "/bulk/delete",
                "delete",
                q -> rest.send("POST", query(rest.kvUrl(ns, "bulk", "delete"), q), jsonBody("[\"cf:bulk\"]")));
        HttpUrl get = rest.kvUrl(ns, "bulk", "get");
        add(
                "POST",
                NS + "/bulk/get",
                "text",
                q -> rest.send("POST", query(get, q), jsonBody("{\"keys\":[\"cf:text\",\"cf:json\",\"cf:missing\"]}")));
        add(
                "POST",
                NS + "/bulk/get",
                "json",
                q -> rest.send(
                        "POST", query(get, q), jsonBody("{\"keys\":[\"cf:json\",\"cf:missing\"],\"type\":\"json\"}")));
        add(
                "POST",
                NS + "/bulk/get",
                "withMetadata",
                q -> rest.send(
                        "POST",
                        query(get, q),
                        jsonBody("{\"keys\":[\"cf:json\",\"cf:text\",\"cf:missing\"],\"withMetadata\":true}")));
    }

    private void errorCases(String ns) {
        String values = NS + "/values/{key_name}";
        HttpUrl keys = rest.kvUrl(ns, "keys");
        errors.add(new ErrorCase(404, 10009, "missing key", "GET", values, authed(valueUrl(ns, "cf:missing"))));
        errors.add(new ErrorCase(
                404,
                10009,
                "metadata of a missing key",
                "GET",
                NS + "/metadata/{key_name}",
                authed(rest.kvUrl(ns, "metadata", "cf%3Amissing"))));
        errors.add(new ErrorCase(
                404,
                10013,
                "unknown namespace",
                "GET",
                NS + "/keys",
                authed(rest.kvUrl("00000000000000000000000000000000", "keys"))));
        errors.add(new ErrorCase(
                0,
                0,
                "no token",
                "GET",
                NS + "/keys",
                new Request.Builder().url(keys).build()));
        errors.add(new ErrorCase(
                0,
                0,
                "wrong token",
                "GET",
                NS + "/keys",
                new Request.Builder()
                        .url(keys)
                        .header("Authorization", "Bearer not-the-token")
                        .build()));
        errors.add(new ErrorCase(
                400, 0, "limit below 10", "GET", NS + "/keys", authed(query(keys, Map.of("limit", "9"), Map.of()))));
        errors.add(new ErrorCase(
                400,
                0,
                "expiration_ttl below 60",
                "PUT",
                values,
                authed(
                        "PUT",
                        query(valueUrl(ns, "cf:short"), Map.of("expiration_ttl", "30"), Map.of()),
                        textBody("x"))));
        errors.add(new ErrorCase(
                400,
                0,
                "bulk get of no keys",
                "POST",
                NS + "/bulk/get",
                authed("POST", rest.kvUrl(ns, "bulk", "get"), jsonBody("{\"keys\":[]}"))));
        errors.add(new ErrorCase(
                0,
                0,
                "another account",
                "GET",
                KV,
                authed(HttpUrl.get(baseUrl)
                        .newBuilder()
                        .addPathSegments("accounts/ffffffffffffffffffffffffffffffff/storage/kv/namespaces")
                        .build())));
        errors.add(new ErrorCase(
                404, 7003, "no such route", "GET", null, authed(rest.accountUrl("storage/kv/no-such-thing"))));
        errors.add(new ErrorCase(
                0,
                0,
                "no token",
                "GET",
                "/user/tokens/verify",
                new Request.Builder()
                        .url(HttpUrl.get(baseUrl)
                                .newBuilder()
                                .addPathSegments("user/tokens/verify")
                                .build())
                        .build()));
        errors.add(new ErrorCase(
                0,
                0,
                "no token",
                "GET",
                DO,
                new Request.Builder()
                        .url(rest.accountUrl("workers/durable_objects/namespaces"))
                        .build()));
        errors.add(new ErrorCase(
                404,
                0,
                "unknown Durable Object namespace",
                "GET",
                DO + "/{id}/objects",
                authed(rest.accountUrl("workers/durable_objects/namespaces", "0".repeat(32), "objects"))));
        errors.add(new ErrorCase(
                0,
                0,
                "no token",
                "GET",
                SCRIPTS,
                new Request.Builder().url(rest.accountUrl("workers/scripts")).build()));
        errors.add(new ErrorCase(
                404,
                0,
                "unknown script",
                "GET",
                SCRIPTS + "/{script_name}/settings",
                authed(rest.accountUrl("workers/scripts", "no-such-script", "settings"))));
    }

    // ---- request building ----------------------------------------------------------------------

    private HttpUrl valueUrl(String ns, String key) {
        return rest.kvUrl(ns, "values", SandboxRest.encodeComponent(key));
    }

    private String createNamespace() {
        SandboxRest.Reply reply = rest.send("POST", rest.accountUrl("storage/kv/namespaces"), jsonBody(titleJson()));
        return json(reply).path("result").path("id").asText();
    }

    private String titleJson() {
        return "{\"title\":\"conformance-" + counter.incrementAndGet() + "\"}";
    }

    private Request authed(HttpUrl url) {
        return authed("GET", url, null);
    }

    private Request authed(String method, HttpUrl url, RequestBody body) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + rest.token())
                .method(method, body)
                .build();
    }

    private static HttpUrl query(HttpUrl url, Map<String, String> extra) {
        return query(url, Map.of(), extra);
    }

    /** {@code url} with {@code own} parameters, then {@code extra} ones set over them. */
    private static HttpUrl query(HttpUrl url, Map<String, String> own, Map<String, String> extra) {
        HttpUrl.Builder b = url.newBuilder();
        own.forEach(b::setQueryParameter);
        extra.forEach(b::setQueryParameter);
        return b.build();
    }

    private static RequestBody jsonBody(String json) {
        return RequestBody.create(json.getBytes(StandardCharsets.UTF_8), SandboxRest.JSON_TYPE);
    }

    private static RequestBody textBody(String text) {
        return RequestBody.create(text.getBytes(StandardCharsets.UTF_8), MediaType.get("text/plain; charset=utf-8"));
    }

    private static JsonNode json(SandboxRest.Reply reply) {
        return reply.json();
    }
}
