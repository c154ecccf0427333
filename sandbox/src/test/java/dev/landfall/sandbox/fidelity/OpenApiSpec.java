package dev.landfall.sandbox.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI subset of {@code shared/contracts/cloudflare-openapi-subset.json}, read for
 * conformance checks. Response schemas are validated with json-schema-validator's OpenAPI 3.0
 * dialect, which understands {@code nullable} and treats {@code example}, {@code x-*} and friends
 * as annotations; {@code $ref}s resolve inside the one document.
 */
final class OpenApiSpec {

    static final String SPEC_IRI = "https://landfall.invalid/contracts/cloudflare-openapi-subset.json";
    private static final String RESOURCE_IRI_PREFIX = "https://landfall.invalid/fidelity/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;

    private OpenApiSpec(JsonNode document, SchemaRegistry registry) {
        this.document = document;
        this.registry = registry;
    }

    /**
     * Loads the spec from {@code $LANDFALL_SHARED_DIR/contracts} (surefire and failsafe set it),
     * else from a {@code shared/contracts} directory beside a parent of the working directory.
     */
    static OpenApiSpec load() {
        Path file = locate();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode document = JSON.readTree(text);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                    Dialects.getOpenApi30(), builder -> builder.schemas(iri -> read(iri, text)));
            return new OpenApiSpec(document, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI subset " + file, e);
        }
    }

    private static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getenv("LANDFALL_SHARED_DIR");
        if (shared != null && !shared.isBlank()) {
            candidates.add(Path.of(shared, "contracts", "cloudflare-openapi-subset.json"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/contracts/cloudflare-openapi-subset.json"));
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "shared/contracts/cloudflare-openapi-subset.json not found; set LANDFALL_SHARED_DIR (tried "
                                + candidates + ")"));
    }

    /** The spec itself, or a schema under {@code src/test/resources/fidelity/}. */
    private static String read(String iri, String specText) {
        if (iri.equals(SPEC_IRI)) {
            return specText;
        }
        if (iri.startsWith(RESOURCE_IRI_PREFIX)) {
            String resource = "/fidelity/" + iri.substring(RESOURCE_IRI_PREFIX.length());
            try (InputStream in = OpenApiSpec.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null; // never fetch anything from the network
    }

    /** The path templates in {@code paths}, e.g. {@code /accounts/{account_id}/queues}. */
    List<String> pathTemplates() {
        List<String> templates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(templates::add);
        return templates;
    }

    Optional<JsonNode> operation(String method, String template) {
        JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        return op.isObject() ? Optional.of(op) : Optional.empty();
    }

    /** Declared parameters by {@code in + ":" + name} (e.g. {@code query:limit}), with schemas resolved. */
    Map<String, JsonNode> parameters(String method, String template) {
        Map<String, JsonNode> result = new HashMap<>();
        List<JsonNode> declared = new ArrayList<>();
        document.path("paths").path(template).path("parameters").forEach(declared::add);
        operation(method, template).ifPresent(op -> op.path("parameters").forEach(declared::add));
        for (JsonNode parameter : declared) {
            JsonNode resolved = resolve(parameter);
            result.put(
                    resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
        }
        return result;
    }

    /** The parameter's schema with a top-level {@code $ref} followed. */
    JsonNode parameterSchema(JsonNode parameter) {
        return resolve(parameter.path("schema"));
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("unexpected $ref " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /**
     * The response key that covers {@code status}: the exact code, else its range ({@code 4XX}),
     * else {@code default}.
     */
    Optional<String> responseKey(String method, String template, int status) {
        JsonNode responses =
                operation(method, template).map(op -> op.path("responses")).orElse(JSON.missingNode());
        for (String key : List.of(Integer.toString(status), (status / 100) + "XX", "default")) {
            if (responses.has(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Media types the spec declares for that response, e.g. {@code application/json}. */
    List<String> responseMediaTypes(String method, String template, String responseKey) {
        List<String> types = new ArrayList<>();
        Iterator<String> names = document.path("paths")
                .path(template)
                .path(method.toLowerCase(Locale.ROOT))
                .path("responses")
                .path(responseKey)
                .path("content")
                .fieldNames();
        names.forEachRemaining(types::add);
        return types;
    }

    /** The JSON response schema of an operation for one response key ({@code 200}, {@code 4XX}). */
    Schema responseSchema(String method, String template, String responseKey) {
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/"
                + escape(responseKey) + "/content/application~1json/schema";
        if (document.at(pointer).isMissingNode()) {
            throw new IllegalStateException("no application/json schema at " + pointer);
        }
        return registry.getSchema(SchemaLocation.of(SPEC_IRI + "#" + pointer));
    }

    /** A schema kept under {@code src/test/resources/fidelity/} (it may {@code $ref} into the spec). */
    Schema resourceSchema(String name) {
        return registry.getSchema(SchemaLocation.of(RESOURCE_IRI_PREFIX + name));
    }

    /** A schema under {@code #/components/schemas}. */
    Schema componentSchema(String name) {
        return registry.getSchema(SchemaLocation.of(SPEC_IRI + "#/components/schemas/" + escape(name)));
    }

    /** Schema violations of {@code instance} with their locations; empty when it conforms. */
    static List<com.networknt.schema.Error> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance);
    }

    /** Schema violations of {@code instance}, one line each; empty when it conforms. */
    static List<String> violations(Schema schema, JsonNode instance) {
        List<String> lines = new ArrayList<>();
        schema.validate(instance).forEach(error -> lines.add(error.toString()));
        return lines;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
