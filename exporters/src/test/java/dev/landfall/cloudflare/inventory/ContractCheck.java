package dev.landfall.cloudflare.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.sandbox.SandboxStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds the requests a client sent to the contract, {@code shared/contracts/cloudflare-openapi-subset.json}:
 * the sandbox counts requests by route template, and every route it saw must be an operation of the
 * spec (the sandbox's own conformance test holds its answers to the same file).
 */
final class ContractCheck {
    private static JsonNode spec;

    private ContractCheck() {}

    static void assertEveryRouteIsASpecOperation(SandboxStats stats) {
        List<String> problems = new ArrayList<>();
        for (String route : stats.requestsByRoute().keySet()) {
            String[] parts = route.split(" ", 2);
            if (parts.length != 2 || operation(parts[0], parts[1]).isMissingNode()) {
                problems.add(route);
            }
        }
        assertEquals(List.of(), problems, "requests outside the contract");
    }

    /** Whether {@code value} is within the query parameter's declared minimum and maximum. */
    static boolean withinQueryBounds(String method, String template, String name, int value) {
        for (JsonNode p : operation(method, template).path("parameters")) {
            if (p.path("in").asText().equals("query") && p.path("name").asText().equals(name)) {
                double min = p.path("schema").path("minimum").asDouble(Double.NEGATIVE_INFINITY);
                double max = p.path("schema").path("maximum").asDouble(Double.POSITIVE_INFINITY);
                return value >= min && value <= max;
            }
        }
        throw new AssertionError(method + " " + template + " declares no query parameter " + name);
    }

    private static JsonNode operation(String method, String template) {
        return load().path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    private static synchronized JsonNode load() {
        if (spec == null) {
            Path file = locate();
            try {
                spec = new ObjectMapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spec;
    }

    private static Path locate() {
        String shared = System.getenv("LANDFALL_SHARED_DIR");
        if (shared != null && !shared.isBlank()) {
            Path p = Path.of(shared, "contracts", "cloudflare-openapi-subset.json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/contracts/cloudflare-openapi-subset.json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "shared/contracts/cloudflare-openapi-subset.json not found; set LANDFALL_SHARED_DIR");
    }
}
