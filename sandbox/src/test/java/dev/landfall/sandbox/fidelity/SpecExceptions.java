package dev.landfall.sandbox.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every place where {@link OpenApiConformanceTest} does not hold the sandbox to the 2024 OpenAPI
 * subset, each with its reason. Nothing here loosens validation as a whole: each entry names one
 * route (and where it matters one parameter or one response) and says what is checked instead.
 * Reasons cite {@code shared/reference/cloudflare-api.md} (§8 has the drift table between the
 * 2024 base schema and the current API; where they disagree, the current API wins).
 *
 * <p>An entry that no longer matches anything (the route left the sandbox, or the spec gained it)
 * fails the test, so this list cannot go stale.
 */
final class SpecExceptions {

    private SpecExceptions() {}

    /** A route the sandbox serves that is not in the subset's {@code paths}. */
    record ExtraRoute(String method, String template, String reason, Optional<String> validateAs) {}

    /**
     * Routes served although the subset lacks them. {@code validateAs} names the schema their JSON
     * answers are held to instead: {@code "METHOD template"} of a spec operation, or a component
     * schema name.
     */
    static final List<ExtraRoute> EXTRA_ROUTES = List.of(
            new ExtraRoute(
                    "GET",
                    "/__sandbox/stats",
                    "sandbox-only: request counters for tests and `landfall sandbox`; needs no token;"
                            + " not a Cloudflare route",
                    Optional.empty()),
            new ExtraRoute(
                    "GET",
                    "/accounts/{account_id}/tokens/verify",
                    "newer than the 2024 base: account-owned token verify is in the current TS SDK but not in"
                            + " the 2024 schema (cloudflare-api.md §1.3 and the §8 drift table); same answer shape as"
                            + " /user/tokens/verify",
                    Optional.of("GET /user/tokens/verify")),
            new ExtraRoute(
                    "POST",
                    "/accounts/{account_id}/storage/kv/namespaces",
                    "Cloudflare's 'Create a Namespace' (workers-kv-namespace-create-a-namespace); the subset"
                            + " kept only the operations Landfall calls; answers the namespace like GET namespace",
                    Optional.of("GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}")),
            new ExtraRoute(
                    "PUT",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}",
                    "Cloudflare's 'Rename a Namespace' (workers-kv-namespace-rename-a-namespace); left out of"
                            + " the subset for the same reason; the current API answers the renamed namespace"
                            + " (wrangler's `kv namespace rename` prints its title)",
                    Optional.of("GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}")),
            new ExtraRoute(
                    "DELETE",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}",
                    "Cloudflare's 'Remove a Namespace' (workers-kv-namespace-remove-a-namespace); left out of"
                            + " the subset for the same reason",
                    Optional.of("workers-kv_api-response-common-no-result")));

    /** A query parameter the sandbox reads although the 2024 operation does not declare it. */
    record ExtraParameter(String method, String template, String name, String reason) {}

    static final List<ExtraParameter> EXTRA_PARAMETERS = List.of(
            new ExtraParameter(
                    "PUT",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
                    "expiration",
                    "current API (drift table: 'Value PUT: expiration / expiration_ttl query params'); wrangler"
                            + " sends ?expiration=…"),
            new ExtraParameter(
                    "PUT",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
                    "expiration_ttl",
                    "current API (same drift row); wrangler sends ?expiration_ttl=…"),
            new ExtraParameter(
                    "GET",
                    "/accounts/{account_id}/workers/durable_objects/namespaces",
                    "page",
                    "current API (drift table: 'DO namespace list paging'); the current SDKs page it"),
            new ExtraParameter(
                    "GET",
                    "/accounts/{account_id}/workers/durable_objects/namespaces",
                    "per_page",
                    "current API (same drift row)"));

    /** A declared bound the sandbox does not enforce as written, and what it does instead. */
    record BoundException(String method, String template, String name, String reason) {}

    static final List<BoundException> BOUND_EXCEPTIONS = List.of(new BoundException(
            "GET",
            "/accounts/{account_id}/storage/kv/namespaces",
            "per_page",
            "2024 schema says 5..100; wrangler 4.86 asks per_page=1000 (cloudflare-peers.md §2.3) and the"
                    + " current API serves it, so the sandbox clamps to 5..1000 instead. Still checked:"
                    + " below 5 is clamped up, above 1000 is clamped down"));

    /** Effective per_page bounds for {@link #BOUND_EXCEPTIONS}: {@code name -> {min, max}}. */
    static final Map<String, double[]> EXCEPTION_BOUNDS = Map.of("per_page", new double[] {5, 1000});

    /**
     * A response checked against a schema under {@code src/test/resources/fidelity/}: on top of the
     * operation's own ({@code replacesSpec} false: stricter), or instead of it ({@code
     * replacesSpec} true: then the operation's own schema must still reject the answer, or the
     * entry is stale). {@code variant} names the exercise, {@code *} for all of the route's.
     */
    record SchemaOverride(
            String method, String template, String variant, String resource, boolean replacesSpec, String reason) {}

    static final List<SchemaOverride> SCHEMA_OVERRIDES = List.of(
            new SchemaOverride(
                    "PUT",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk",
                    "*",
                    "bulk-write-result.json",
                    false,
                    "drift table: bulk write result is {successful_key_count, unsuccessful_keys} now, null in"
                            + " 2024. Stricter than the spec: the spec schema is applied too, and these two"
                            + " fields are required"),
            new SchemaOverride(
                    "DELETE",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk",
                    "*",
                    "bulk-write-result.json",
                    false,
                    "drift table: bulk delete has the same result as bulk write now; stricter, as above"),
            new SchemaOverride(
                    "POST",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete",
                    "*",
                    "bulk-write-result.json",
                    false,
                    "drift table: as for DELETE …/bulk; stricter, as above"),
            new SchemaOverride(
                    "POST",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get",
                    "withMetadata",
                    "bulk-get-with-metadata.json",
                    true,
                    "the spec's result is oneOf(bulk-get-result, bulk-get-result-with-metadata), but every"
                            + " with-metadata answer also matches bulk-get-result (its values may be any object),"
                            + " so no real answer can pass oneOf. Held to the with-metadata branch alone, which"
                            + " the request chose"),
            new SchemaOverride(
                    "GET",
                    "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/metadata/{key_name}",
                    "no-metadata",
                    "metadata-absent.json",
                    true,
                    "cloudflare-api.md §2.5 / open question 3: the answer for a key without metadata is"
                            + " unverified; the spec types result as an object (not nullable), the sandbox answers"
                            + " result:null. Checked: a success envelope whose result is exactly null"));

    /**
     * 4XX schemas that no answer can satisfy: they are {@code allOf(success envelope, failure
     * envelope)}, so {@code success} must be both true and false. Error answers of these
     * operations are held to the failure half instead.
     */
    record ErrorSchemaException(String method, String template, String failureSchema, String reason) {}

    static final String CONTRADICTORY_4XX = "the 2024 4XX schema is allOf(<success collection>, <failure>): success"
            + " must be enum [true] and enum [false] at once, so Cloudflare's own errors cannot pass it";

    static final List<ErrorSchemaException> ERROR_SCHEMA_EXCEPTIONS = List.of(
            new ErrorSchemaException(
                    "GET",
                    "/accounts/{account_id}/workers/durable_objects/namespaces",
                    "workers_api-response-common-failure",
                    CONTRADICTORY_4XX),
            new ErrorSchemaException(
                    "GET",
                    "/accounts/{account_id}/workers/durable_objects/namespaces/{id}/objects",
                    "workers_api-response-common-failure",
                    CONTRADICTORY_4XX),
            new ErrorSchemaException(
                    "GET",
                    "/accounts/{account_id}/workers/scripts",
                    "workers_api-response-common-failure",
                    CONTRADICTORY_4XX),
            new ErrorSchemaException(
                    "GET", "/user/tokens/verify", "iam_api-response-common-failure", CONTRADICTORY_4XX),
            new ErrorSchemaException(
                    "GET",
                    "/accounts/{account_id}/workers/scripts/{script_name}/settings",
                    "workers_api-response-common-failure",
                    "the 2024 4XX schema is the *success* envelope (success enum [true]); an error answer"
                            + " is held to the workers failure envelope instead"));

    /**
     * Violations of an operation's own schema that are tolerated, one location pattern at a time,
     * because the 2024 schema is older than what Cloudflare answers now. {@code applies} sees the
     * whole body and the violation's instance location and must confirm the specific drift (so an
     * unrelated violation at the same place still fails). {@code resource}, when set, is a schema
     * that the tolerated part ({@code location}'s first group, a JSON pointer) must satisfy instead.
     * Each entry must match at least one violation, or it is stale.
     */
    record ToleratedViolation(
            String method,
            String template,
            Pattern location,
            Drift applies,
            Optional<String> resource,
            String reason) {}

    /** Confirms that a violation at {@code location} is the documented drift. */
    @FunctionalInterface
    interface Drift {
        boolean test(JsonNode body, String toleratedPointer);
    }

    /** Binding types the 2024 oneOf lacks, or whose shape changed since (d1). */
    static final Set<String> NEWER_BINDING_TYPES =
            Set.of("d1", "secret_text", "plain_text", "analytics_engine", "ai_search_namespace");

    private static final String USAGE_MODEL = "2024 pattern is ^(bundled|unbound)$; Cloudflare reports"
            + " usage_model \"standard\" since the Standard usage model replaced bundled/unbound"
            + " (cloudflare-api.md §4 shows \"standard\" in both answers). Only that value is tolerated";

    static final List<ToleratedViolation> TOLERATED_VIOLATIONS = List.of(
            new ToleratedViolation(
                    "GET",
                    "/accounts/{account_id}/workers/scripts",
                    Pattern.compile("^(/result/\\d+/usage_model)$"),
                    (body, pointer) -> body.at(pointer).asText().equals("standard"),
                    Optional.empty(),
                    USAGE_MODEL),
            new ToleratedViolation(
                    "GET",
                    "/accounts/{account_id}/workers/scripts/{script_name}/settings",
                    Pattern.compile("^(/result/usage_model)$"),
                    (body, pointer) -> body.at(pointer).asText().equals("standard"),
                    Optional.empty(),
                    USAGE_MODEL),
            new ToleratedViolation(
                    "GET",
                    "/accounts/{account_id}/workers/scripts/{script_name}/settings",
                    Pattern.compile("^(/result/bindings/\\d+)(/.*)?$"),
                    (body, pointer) -> NEWER_BINDING_TYPES.contains(
                            body.at(pointer + "/type").asText()),
                    Optional.of("binding-current.json"),
                    "the 2024 binding oneOf knows 8 types and an older d1 shape (binding, id, name); the"
                            + " current API returns many more types and d1 as {name, database_id, id?}"
                            + " (cloudflare-api.md §4 'Binding objects'; clients must tolerate unknown types)."
                            + " Only bindings of NEWER_BINDING_TYPES are tolerated, and each must satisfy"
                            + " binding-current.json"));
}
