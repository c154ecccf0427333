package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task definition with a serve sidecar: the service waits for serve's health check, and the
 * check and memory limit are inside what ECS accepts, rules the registry schema does not express
 * (ranges from the HealthCheck property's documentation in the schema itself).
 */
class ServeSidecarTaskTest {

    @Test
    void theServiceStartsOnceServeIsHealthyAndServeHasAProbeAndAShareOfTheTask() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> template : Generated.templates()) {
            JsonNode task = template.getValue().at("/Resources/TaskDefinition/Properties");
            JsonNode containers = task.path("ContainerDefinitions");
            if (containers.size() < 2) {
                continue;
            }
            String where = template.getKey();
            JsonNode service = containers.get(0);
            JsonNode serve = containers.get(1);
            assertEquals("landfall-serve", serve.get("Name").asText(), where);
            assertEquals(
                    "landfall-serve", service.at("/DependsOn/0/ContainerName").asText(), where);
            assertEquals("HEALTHY", service.at("/DependsOn/0/Condition").asText(), where);

            JsonNode check = serve.get("HealthCheck");
            assertEquals("CMD-SHELL", check.at("/Command/0").asText(), where);
            assertTrue(
                    check.at("/Command/1").asText().contains("http://127.0.0.1:8787/readyz"),
                    where + ": " + check.at("/Command/1").asText());
            assertBetween(5, 300, check.get("Interval").asInt(), where + " Interval");
            assertBetween(2, 60, check.get("Timeout").asInt(), where + " Timeout");
            assertTrue(
                    check.get("Timeout").asInt() < check.get("Interval").asInt(),
                    where + ": a probe ends before the next");
            assertBetween(1, 10, check.get("Retries").asInt(), where + " Retries");
            assertBetween(0, 300, check.get("StartPeriod").asInt(), where + " StartPeriod");

            int taskMemory = Integer.parseInt(task.get("Memory").asText());
            int serveMemory = serve.get("Memory").asInt();
            assertTrue(
                    serveMemory < taskMemory, where + ": serve's " + serveMemory + " MiB leaves the service nothing");
            assertTrue(!service.has("Memory"), where + ": the service is not capped; it may use what serve leaves");
            assertTrue(
                    serve.at("/Command/0").asText().contains(" -XX:MaxRAMPercentage=50 "),
                    where + ": the heap follows serve's limit");
            checked++;
        }
        assertTrue(checked > 0, "no test spec has a serve sidecar");
    }

    private static void assertBetween(int min, int max, int actual, String what) {
        assertTrue(actual >= min && actual <= max, what + " " + actual + " outside " + min + ".." + max);
    }
}
