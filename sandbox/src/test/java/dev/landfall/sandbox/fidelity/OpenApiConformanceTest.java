package dev.landfall.sandbox.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.Route;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.fidelity.SpecExceptions.ErrorSchemaException;
import dev.landfall.sandbox.fidelity.SpecExceptions.ExtraParameter;
import dev.landfall.sandbox.fidelity.SpecExceptions.ExtraRoute;
import dev.landfall.sandbox.fidelity.SpecExceptions.SchemaOverride;
import dev.landfall.sandbox.fidelity.SpecExceptions.ToleratedViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the sandbox to {@code shared/contracts/cloudflare-openapi-subset.json}: every route it
 * serves is a spec operation (same method, path template and operation id) or is on {@link
 * SpecExceptions}' list with a reason; every route answers a valid request with JSON that
 * validates against the operation's schema for that status; the query parameters it reads are
 * declared, with the declared bounds; and its error envelopes validate against the 4XX schemas.
 *
 * <p>The exceptions are listed one by one in {@link SpecExceptions}; nothing is loosened globally.
 */
class OpenApiConformanceTest {

    private static OpenApiSpec spec;
    private static SandboxServer server;
    private static SandboxRest rest;
    private static SandboxExercises exercises;

    /**
     * Query parameters the sandbox reads, per route, taken from its handlers ({@code
     * internal/Kv*Routes}, {@code AccountRoutes}, {@code Paging}). {@link
     * #noRouteReadsAQueryParameterMissingFromTheTable} probes every route to keep this honest.
     */
    private static final Map<String, List<String>> QUERY_READS = Map.of(
            "GET /accounts/{account_id}/storage/kv/namespaces", List.of("page", "per_page", "order", "direction"),
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys",
                    List.of("limit", "prefix", "cursor"),
            "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
                    List.of("expiration", "expiration_ttl"),
            "GET /accounts/{account_id}/workers/durable_objects/namespaces", List.of("page", "per_page"),
            "GET /accounts/{account_id}/workers/durable_objects/namespaces/{id}/objects", List.of("limit", "cursor"));

    /** A value no numeric, enum or cursor parameter accepts. */
    private static final String GARBAGE = "not-a-number!";

    @BeforeAll
    static void start() {
        spec = OpenApiSpec.load();
        SandboxConfig config = SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED) // a few hundred probes; rate limiting is tested elsewhere
                .addSeedKv(KvSeed.parse("conformance=40:16"))
                .addSeedDo(DoSeed.parse("Room=15x2"))
                .build();
        server = SandboxServer.start(config);
        rest = new SandboxRest(server.baseUrl(), server.token(), server.accountId());
        exercises = SandboxExercises.prepare(rest, server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String key(String method, String template) {
        return method + " " + template;
    }

    private static boolean inSpec(Route route) {
        return spec.operation(route.method(), route.pathTemplate()).isPresent();
    }

    private static Optional<ExtraRoute> extraRoute(String method, String template) {
        return SpecExceptions.EXTRA_ROUTES.stream()
                .filter(e -> e.method().equals(method) && e.template().equals(template))
                .findFirst();
    }

    // ---- routes -------------------------------------------------------------------------------

    @Test
    void everyRouteIsASpecOperationOrAnExplicitException() {
        List<String> problems = new ArrayList<>();
        for (Route route : server.routes()) {
            Optional<JsonNode> op = spec.operation(route.method(), route.pathTemplate());
            if (op.isPresent()) {
                String specId = op.get().path("operationId").asText();
                if (!specId.equals(route.operationId())) {
                    problems.add(key(route.method(), route.pathTemplate()) + ": operationId " + route.operationId()
                            + ", spec says " + specId);
                }
            } else if (extraRoute(route.method(), route.pathTemplate()).isEmpty()) {
                problems.add(key(route.method(), route.pathTemplate())
                        + ": served, but neither in the spec's paths nor on SpecExceptions.EXTRA_ROUTES");
            }
        }
        for (ExtraRoute extra : SpecExceptions.EXTRA_ROUTES) {
            boolean served = server.routes().stream()
                    .anyMatch(r -> r.method().equals(extra.method())
                            && r.pathTemplate().equals(extra.template()));
            if (!served) {
                problems.add("stale exception: " + key(extra.method(), extra.template()) + " is not served");
            }
            if (spec.operation(extra.method(), extra.template()).isPresent()) {
                problems.add("stale exception: " + key(extra.method(), extra.template()) + " is in the spec now");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPathParameterIsDeclared() {
        List<String> problems = new ArrayList<>();
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        for (Route route : server.routes()) {
            if (!inSpec(route)) {
                continue;
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = placeholder.matcher(route.pathTemplate());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            spec.parameters(route.method(), route.pathTemplate()).keySet().stream()
                    .filter(k -> k.startsWith("path:"))
                    .forEach(k -> declared.add(k.substring("path:".length())));
            if (!inTemplate.equals(declared)) {
                problems.add(key(route.method(), route.pathTemplate()) + ": template has " + inTemplate
                        + ", spec declares " + declared);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRouteHasAnExercise() {
        Set<String> missing = new TreeSet<>();
        for (Route route : server.routes()) {
            if (exercises.of(route.method(), route.pathTemplate()).isEmpty()) {
                missing.add(key(route.method(), route.pathTemplate()));
            }
        }
        assertEquals(Set.of(), missing, "add a request for each new route to SandboxExercises");
    }

    // ---- responses ------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersAValidRequestAsTheSpecSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : server.routes()) {
            for (SandboxExercises.Exercise exercise : exercises.of(route.method(), route.pathTemplate())) {
                tests.add(DynamicTest.dynamicTest(
                        key(route.method(), route.pathTemplate()) + " [" + exercise.variant() + "]",
                        () -> checkSuccess(route, exercise)));
            }
        }
        return tests.stream();
    }

    private static void checkSuccess(Route route, SandboxExercises.Exercise exercise) {
        SandboxRest.Reply reply = exercise.send(Map.of());
        String what = exercise.describe() + " → HTTP " + reply.status() + " " + abbreviate(reply.text());
        assertEquals(200, reply.status(), what);
        if (!inSpec(route)) {
            ExtraRoute extra = extraRoute(route.method(), route.pathTemplate()).orElseThrow();
            reply.json(); // JSON, whatever its shape
            extra.validateAs().ifPresent(target -> assertValid(extraSchema(target), reply.json(), what));
            return;
        }
        String responseKey = spec.responseKey(route.method(), route.pathTemplate(), 200)
                .orElseThrow(() -> new AssertionError("spec has no response for 200: " + what));
        List<String> media = spec.responseMediaTypes(route.method(), route.pathTemplate(), responseKey);
        if (!media.contains("application/json")) {
            // GET …/values/{key}: raw bytes, no envelope.
            String contentType = reply.header("Content-Type").orElse("");
            assertTrue(
                    media.stream().anyMatch(contentType::startsWith),
                    what + ": Content-Type " + contentType + ", spec declares " + media);
            return;
        }
        JsonNode body = reply.json();
        Schema own = spec.responseSchema(route.method(), route.pathTemplate(), responseKey);
        Optional<SchemaOverride> override = override(route, exercise.variant());
        if (override.isPresent() && override.get().replacesSpec()) {
            assertFalse(
                    OpenApiSpec.violations(own, body).isEmpty(),
                    "stale exception " + override.get() + ": the spec's own schema accepts " + what);
        } else {
            assertValidExceptTolerated(route, own, body, what);
        }
        override.ifPresent(o -> assertValid(spec.resourceSchema(o.resource()), body, what + " (" + o.resource() + ")"));
    }

    /**
     * The operation's own schema must hold, except for violations {@link
     * SpecExceptions#TOLERATED_VIOLATIONS} names for this route; each of those entries must
     * match something (or it is stale), and the tolerated parts must satisfy its resource schema.
     */
    private static void assertValidExceptTolerated(Route route, Schema own, JsonNode body, String what) {
        List<ToleratedViolation> tolerations = SpecExceptions.TOLERATED_VIOLATIONS.stream()
                .filter(t -> t.method().equals(route.method()) && t.template().equals(route.pathTemplate()))
                .toList();
        List<String> remaining = new ArrayList<>();
        Map<ToleratedViolation, Set<String>> used = new LinkedHashMap<>();
        for (com.networknt.schema.Error error : OpenApiSpec.errors(own, body)) {
            String location = error.getInstanceLocation().toString();
            Optional<ToleratedViolation> match = Optional.empty();
            String pointer = null;
            for (ToleratedViolation t : tolerations) {
                Matcher m = t.location().matcher(location);
                if (m.matches() && t.applies().test(body, m.group(1))) {
                    match = Optional.of(t);
                    pointer = m.group(1);
                    break;
                }
            }
            if (match.isPresent()) {
                used.computeIfAbsent(match.get(), t -> new TreeSet<>()).add(pointer);
            } else {
                remaining.add(error.toString());
            }
        }
        if (!remaining.isEmpty()) {
            fail(what + "\nschema " + own.getSchemaLocation() + " violations:\n  " + String.join("\n  ", remaining));
        }
        for (ToleratedViolation t : tolerations) {
            Set<String> pointers = used.get(t);
            assertTrue(
                    pointers != null,
                    "stale exception " + t.location() + " (" + t.reason() + "): nothing to tolerate in " + what);
            t.resource()
                    .ifPresent(resource -> pointers.forEach(pointer -> assertValid(
                            spec.resourceSchema(resource),
                            body.at(pointer),
                            what + " at " + pointer + " (" + resource + ")")));
        }
    }

    private static Optional<SchemaOverride> override(Route route, String variant) {
        return SpecExceptions.SCHEMA_OVERRIDES.stream()
                .filter(o -> o.method().equals(route.method()) && o.template().equals(route.pathTemplate()))
                .filter(o -> o.variant().equals("*") || o.variant().equals(variant))
                .findFirst();
    }

    private static Schema extraSchema(String target) {
        int space = target.indexOf(' ');
        if (space > 0) {
            String method = target.substring(0, space);
            String template = target.substring(space + 1);
            return spec.responseSchema(method, template, "200");
        }
        return spec.componentSchema(target);
    }

    @Test
    void everySchemaOverrideNamesAnExercisedVariant() {
        List<String> problems = new ArrayList<>();
        for (SchemaOverride o : SpecExceptions.SCHEMA_OVERRIDES) {
            boolean exercised = exercises.of(o.method(), o.template()).stream()
                    .anyMatch(e -> o.variant().equals("*") || e.variant().equals(o.variant()));
            if (!exercised) {
                problems.add("stale exception " + o);
            }
        }
        assertEquals(List.of(), problems);
    }

    // ---- errors --------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> errorEnvelopesMatchTheSpecsFailureSchemas() {
        return exercises.errors().stream()
                .map(error -> DynamicTest.dynamicTest(
                        error.status() + " " + error.why() + ": " + key(error.method(), error.template()),
                        () -> checkError(error)));
    }

    private static void checkError(SandboxExercises.ErrorCase error) {
        SandboxRest.Reply reply = rest.send(error.request());
        String what = error.why() + ": " + error.request().method() + " "
                + error.request().url() + " → HTTP " + reply.status() + " " + abbreviate(reply.text());
        if (error.status() == 0) {
            assertTrue(reply.status() >= 400 && reply.status() < 500, what);
        } else {
            assertEquals(error.status(), reply.status(), what);
        }
        if (error.code() != 0) {
            assertEquals(
                    error.code(),
                    reply.json().path("errors").path(0).path("code").asInt(),
                    what);
        }
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), what);
        JsonNode body = reply.json();
        if (error.template() == null) {
            // No operation matched (a bad route): Cloudflare's generic failure envelope.
            assertValid(spec.componentSchema("workers-kv_api-response-common-failure"), body, what);
            return;
        }
        String responseKey = spec.responseKey(error.method(), error.template(), reply.status())
                .orElseThrow(() -> new AssertionError("spec declares no response for " + what));
        Schema own = spec.responseSchema(error.method(), error.template(), responseKey);
        Optional<ErrorSchemaException> exception = SpecExceptions.ERROR_SCHEMA_EXCEPTIONS.stream()
                .filter(e -> e.method().equals(error.method()) && e.template().equals(error.template()))
                .findFirst();
        if (exception.isPresent()) {
            assertFalse(
                    OpenApiSpec.violations(own, body).isEmpty(),
                    "stale exception " + exception.get() + ": the spec's own 4XX schema accepts " + what);
            assertValid(spec.componentSchema(exception.get().failureSchema()), body, what);
        } else {
            assertValid(own, body, what);
        }
    }

    // ---- query parameters ----------------------------------------------------------------------

    @Test
    void queryParametersTheSandboxReadsAreDeclared() {
        List<String> problems = new ArrayList<>();
        QUERY_READS.forEach((route, names) -> {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            Map<String, JsonNode> declared = spec.parameters(method, template);
            for (String name : names) {
                boolean isDeclared = declared.containsKey("query:" + name);
                boolean excepted = extraParameter(method, template, name).isPresent();
                if (!isDeclared && !excepted) {
                    problems.add(route + " reads ?" + name + ", which the spec does not declare");
                }
                if (isDeclared && excepted) {
                    problems.add("stale exception: " + route + " ?" + name + " is declared now");
                }
            }
        });
        for (ExtraParameter extra : SpecExceptions.EXTRA_PARAMETERS) {
            if (!QUERY_READS
                    .getOrDefault(key(extra.method(), extra.template()), List.of())
                    .contains(extra.name())) {
                problems.add("stale exception " + extra + ": the sandbox does not read it");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Optional<ExtraParameter> extraParameter(String method, String template, String name) {
        return SpecExceptions.EXTRA_PARAMETERS.stream()
                .filter(e -> e.method().equals(method)
                        && e.template().equals(template)
                        && e.name().equals(name))
                .findFirst();
    }

    /**
     * Sends every route's valid request again with one extra query parameter set to garbage, for
     * every parameter name the spec knows. A 400 means the route reads that parameter, so it must
     * be in {@link #QUERY_READS} (and so declared, or excepted); a read parameter that is not a
     * free-form string must answer 400.
     */
    @Test
    void noRouteReadsAQueryParameterMissingFromTheTable() {
        Set<String> candidates = new TreeSet<>();
        for (String template : spec.pathTemplates()) {
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                spec.parameters(method, template).keySet().stream()
                        .filter(k -> k.startsWith("query:"))
                        .forEach(k -> candidates.add(k.substring("query:".length())));
            }
        }
        QUERY_READS.values().forEach(candidates::addAll);
        candidates.addAll(List.of("type", "withMetadata", "metadata", "value", "order", "direction"));

        List<String> problems = new ArrayList<>();
        for (Route route : server.routes()) {
            List<String> reads = QUERY_READS.getOrDefault(key(route.method(), route.pathTemplate()), List.of());
            SandboxExercises.Exercise exercise =
                    exercises.of(route.method(), route.pathTemplate()).get(0);
            for (String name : candidates) {
                SandboxRest.Reply reply = exercise.send(Map.of(name, GARBAGE));
                boolean rejected = reply.status() == 400;
                if (rejected && !reads.contains(name)) {
                    problems.add(key(route.method(), route.pathTemplate()) + " reads ?" + name
                            + " (400 on garbage) but QUERY_READS does not list it: " + abbreviate(reply.text()));
                }
                if (!rejected && reads.contains(name) && !isFreeText(route, name)) {
                    problems.add(key(route.method(), route.pathTemplate()) + " accepted ?" + name + "=" + GARBAGE
                            + " with HTTP " + reply.status());
                }
                if (reply.status() != 200 && reply.status() != 400) {
                    problems.add(key(route.method(), route.pathTemplate()) + " ?" + name + "=" + GARBAGE + " → HTTP "
                            + reply.status() + " " + abbreviate(reply.text()));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A plain string parameter (prefix): any value is valid, so garbage cannot show it is read. */
    private static boolean isFreeText(Route route, String name) {
        JsonNode parameter =
                spec.parameters(route.method(), route.pathTemplate()).get("query:" + name);
        if (parameter == null) {
            return false;
        }
        JsonNode schema = spec.parameterSchema(parameter);
        return schema.path("type").asText().equals("string") && !schema.has("enum") && !name.equals("cursor");
    }

    /**
     * Declared {@code minimum}/{@code maximum} hold: the bounds themselves are accepted, one step
     * outside is refused with 400 or clamped back inside (as {@code result_info} shows).
     */
    @Test
    void declaredQueryBoundsHold() {
        List<String> problems = new ArrayList<>();
        QUERY_READS.forEach((route, names) -> {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            SandboxExercises.Exercise exercise = exercises.of(method, template).get(0);
            for (String name : names) {
                JsonNode parameter = spec.parameters(method, template).get("query:" + name);
                if (parameter == null) {
                    continue; // undeclared (excepted): no bounds to hold it to
                }
                JsonNode schema = spec.parameterSchema(parameter);
                Optional<SpecExceptions.BoundException> excepted = SpecExceptions.BOUND_EXCEPTIONS.stream()
                        .filter(b -> b.method().equals(method)
                                && b.template().equals(template)
                                && b.name().equals(name))
                        .findFirst();
                Double min = schema.has("minimum") ? schema.get("minimum").asDouble() : null;
                Double max = schema.has("maximum") ? schema.get("maximum").asDouble() : null;
                if (excepted.isPresent()) {
                    // The declared maximum must really be exceeded, or the exception is stale.
                    double declaredMax = max;
                    SandboxRest.Reply over = exercise.send(Map.of(name, format(declaredMax + 1)));
                    if (effective(over, name).map(v -> v <= declaredMax).orElse(true)) {
                        problems.add("stale exception " + excepted.get() + ": " + name + "=" + format(max + 1) + " → "
                                + abbreviate(over.text()));
                    }
                    double[] bounds = SpecExceptions.EXCEPTION_BOUNDS.get(name);
                    min = bounds[0];
                    max = bounds[1];
                }
                if (min != null) {
                    problems.addAll(checkBound(exercise, name, min, min - 1, min, max));
                }
                if (max != null) {
                    problems.addAll(checkBound(exercise, name, max, max + 1, min, max));
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    private static List<String> checkBound(
            SandboxExercises.Exercise exercise, String name, double inside, double outside, Double min, Double max) {
        List<String> problems = new ArrayList<>();
        SandboxRest.Reply ok = exercise.send(Map.of(name, format(inside)));
        if (ok.status() != 200) {
            problems.add(exercise.describe() + " ?" + name + "=" + format(inside) + " (declared bound) → HTTP "
                    + ok.status() + " " + abbreviate(ok.text()));
        }
        SandboxRest.Reply out = exercise.send(Map.of(name, format(outside)));
        if (out.status() == 400) {
            return problems;
        }
        Optional<Double> effective = effective(out, name);
        boolean clamped = out.status() == 200
                && effective.isPresent()
                && (min == null || effective.get() >= min)
                && (max == null || effective.get() <= max);
        if (!clamped) {
            problems.add(exercise.describe() + " ?" + name + "=" + format(outside) + " is outside the declared [" + min
                    + ", " + max + "] but → HTTP " + out.status() + " " + abbreviate(out.text()));
        }
        return problems;
    }

    /** The value the sandbox actually used, from {@code result_info}, if it says. */
    private static Optional<Double> effective(SandboxRest.Reply reply, String name) {
        if (reply.status() != 200) {
            return Optional.empty();
        }
        JsonNode info = reply.json().path("result_info").path(name);
        return info.isNumber() ? Optional.of(info.asDouble()) : Optional.empty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertValid(Schema schema, JsonNode body, String what) {
        List<String> violations = OpenApiSpec.violations(schema, body);
        if (!violations.isEmpty()) {
            fail(what + "\nschema " + schema.getSchemaLocation() + " violations:\n  "
                    + String.join("\n  ", violations));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "… (" + text.length() + " chars)";
    }
}
