package dev.landfall.infra.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kit with a serve sidecar: serve holds the shared network and the published port, and the
 * service starts only once serve's health check passed, as in the Fargate task.
 */
class ComposeServeTest {
    private final ServiceSpec spec = ComposeKits.spec("serve-workerd");
    private final JsonNode services =
            ComposeKits.compose(ComposeKits.files("serve-workerd")).get("services");
    private final JsonNode serve = services.get("landfall-serve");
    private final JsonNode service = services.get(spec.name());

    @Test
    void theServiceJoinsServesNetworkAndWaitsUntilServeIsHealthy() {
        assertEquals("service:landfall-serve", service.get("network_mode").asText());
        assertEquals(
                "service_healthy",
                service.at("/depends_on/landfall-serve/condition").asText());
        assertFalse(service.has("ports"), "Docker refuses to publish ports of a container in another's network");
        assertEquals(
                "${HOST_PORT:-" + spec.port() + "}:" + spec.port(),
                serve.get("ports").get(0).asText());
        assertFalse(serve.has("network_mode"));
        assertEquals(List.of("landfall-import"), fieldNames(serve.get("depends_on")), "no cycle with the service");
    }

    @Test
    void serveIsProbedOnReadyzAndCappedLikeInTheTask() {
        assertEquals("CMD-SHELL", serve.at("/healthcheck/test/0").asText());
        assertEquals(
                "curl -fsS -o /dev/null http://127.0.0.1:8787/readyz || exit 1",
                serve.at("/healthcheck/test/1").asText());
        assertEquals("384m", serve.get("mem_limit").asText());
        assertTrue(
                serve.at("/command/0").asText().contains("exec java -XX:MaxRAMPercentage=50 -jar"),
                serve.at("/command/0").asText());
    }

    @Test
    void theStartOrderIsServeBeforeTheService() {
        assertEquals(
                List.of("kit-check", "store", "landfall-import", "landfall-serve", spec.name()), fieldNames(services));
    }

    @Test
    void theReadmeSaysToPutTheWorkerIntoWorkerdBeforeTheFirstStart() {
        String readme = ComposeKits.files("serve-workerd").get("README.md");
        String before = readme.substring(readme.indexOf("## Before the first start"), readme.indexOf("## Start"));
        // The service image is built from workerd/, whose Dockerfile copies the script: without it
        // the first `docker compose up` fails in the build.
        assertTrue(before.contains("`workerd/worker.mjs`"), before);
        assertTrue(
                ComposeKits.files("serve-workerd").get("workerd/Dockerfile").contains("COPY config.capnp worker.mjs"));
    }

    @Test
    void theReadmesFileTableNamesEveryServiceAndTheWorkerdDirectory() {
        String readme = ComposeKits.files("serve-workerd").get("README.md");
        String row = readme.lines()
                .filter(line -> line.startsWith("| `docker-compose.yml` |"))
                .findFirst()
                .orElseThrow();
        for (String name : fieldNames(services)) {
            assertTrue(row.contains("`" + name + "`"), name + " missing from: " + row);
        }
        assertTrue(readme.contains("| `workerd/` |"), readme);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
