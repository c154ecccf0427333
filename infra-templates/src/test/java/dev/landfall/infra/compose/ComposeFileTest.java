package dev.landfall.infra.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml parses as YAML and has the services, ordering and checks the kit promises. */
class ComposeFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp"})
    void theKitHasTheStoreTheImportJobAndTheServiceInThatStartOrder(String name) {
        ServiceSpec spec = ComposeKits.spec(name);
        JsonNode compose = ComposeKits.compose(ComposeKits.files(name));

        assertFalse(compose.has("version"), "the compose spec has no version key");
        JsonNode services = compose.get("services");
        assertEquals(List.of("store", "landfall-import", spec.name()), fieldNames(services));

        JsonNode service = services.get(spec.name());
        assertEquals(spec.image(), service.get("image").asText());
        assertEquals("unless-stopped", service.get("restart").asText());
        assertEquals(
                "${HOST_PORT:-" + spec.port() + "}:" + spec.port(),
                service.get("ports").get(0).asText());
        assertEquals(
                "service_healthy", service.at("/depends_on/store/condition").asText());
        assertEquals(
                "service_completed_successfully",
                service.at("/depends_on/landfall-import/condition").asText());
        assertEquals("CMD-SHELL", service.at("/healthcheck/test/0").asText());
        assertTrue(
                service.at("/healthcheck/test/1")
                        .asText()
                        .contains("http://127.0.0.1:" + spec.port() + spec.healthCheckPath()),
                service.at("/healthcheck/test/1").asText());

        JsonNode environment = service.get("environment");
        spec.environment()
                .forEach(
                        (key, value) -> assertEquals(value, environment.get(key).asText(), key));
        spec.secrets()
                .keySet()
                .forEach(key ->
                        assertEquals("${" + key + "}", environment.get(key).asText(), key));
        assertEquals(
                spec.regions().get(0).store().kind(),
                environment.get("LANDFALL_STORE_KIND").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp"})
    void theImportJobLoadsTheBundleReadOnlyOnceTheStoreIsHealthy(String name) {
        JsonNode job = ComposeKits.compose(ComposeKits.files(name)).at("/services/landfall-import");

        assertEquals("Dockerfile.landfall", job.at("/build/dockerfile").asText());
        assertEquals(".", job.at("/build/context").asText());
        assertEquals("no", job.get("restart").asText());
        assertEquals("${BUNDLE_UID}:${BUNDLE_GID}", job.get("user").asText(), "reads 0600 bundles as their owner");
        assertEquals("service_healthy", job.at("/depends_on/store/condition").asText());
        JsonNode mount = job.get("volumes").get(0);
        assertEquals(1, job.get("volumes").size());
        assertEquals("bind", mount.get("type").asText());
        assertEquals("./bundle", mount.get("source").asText());
        assertEquals("/bundle", mount.get("target").asText());
        assertTrue(mount.get("read_only").asBoolean(), "the bundle is mounted read-only");
        List<String> command = texts(job.get("command"));
        assertEquals(List.of("import", "--from", "bundle:/bundle", "--to"), command.subList(0, 4));
        assertTrue(command.get(4).contains("@store:"), command.get(4));
    }

    @Test
    void aRedisStoreIsRedis7WithAppendOnlyAndAPingHealthCheck() {
        JsonNode compose = ComposeKits.compose(ComposeKits.files("one-region"));
        JsonNode store = compose.at("/services/store");

        assertEquals("redis:7-alpine", store.get("image").asText());
        List<String> command = texts(store.get("command"));
        assertEquals("yes", command.get(command.indexOf("--appendonly") + 1));
        assertEquals("${REDIS_PASSWORD}", command.get(command.indexOf("--requirepass") + 1));
        assertTrue(store.at("/healthcheck/test/1").asText().startsWith("redis-cli ping"));
        assertEquals("store-data:/data", store.get("volumes").get(0).asText());
        assertTrue(compose.at("/volumes").has("store-data"));
        assertEquals(
                "redis://:${REDIS_PASSWORD}@store:6379/0",
                compose.at("/services/landfall-import/command/4").asText());
    }

    @Test
    void aPostgresStoreIsPostgres15WithPgIsReadyAndThePasswordOutsideTheUri() {
        JsonNode compose = ComposeKits.compose(ComposeKits.files("three-region"));
        JsonNode store = compose.at("/services/store");
        JsonNode job = compose.at("/services/landfall-import");

        assertEquals("postgres:15-alpine", store.get("image").asText());
        assertEquals("CMD-SHELL", store.at("/healthcheck/test/0").asText());
        assertTrue(store.at("/healthcheck/test/1").asText().startsWith("pg_isready"));
        assertEquals(
                "store-data:/var/lib/postgresql/data",
                store.get("volumes").get(0).asText());
        assertEquals(
                "${POSTGRES_PASSWORD}",
                store.at("/environment/POSTGRES_PASSWORD").asText());
        assertEquals(
                "postgres://${POSTGRES_USER}@store:5432/${POSTGRES_DB}",
                job.at("/command/4").asText());
        assertEquals("${POSTGRES_PASSWORD}", job.at("/environment/PGPASSWORD").asText());
    }

    @Test
    void aLiteralDollarFromTheSpecIsEscapedForCompose() {
        String text =
                ComposeKits.specText("one-region").replace("LOG_LEVEL: info", "LOG_LEVEL: \"cost $5 \\\"quoted\\\"\"");
        ServiceSpec spec = SpecParser.parse("dollar.yaml", text);
        JsonNode compose = ComposeKits.compose(ComposeGenerator.generate(spec));

        assertEquals(
                "cost $$5 \"quoted\"",
                compose.at("/services/api/environment/LOG_LEVEL").asText());
    }

    @Test
    void aServiceOrSecretNamedLikeAPartOfTheKitIsAUsageError() {
        ServiceSpec store = SpecParser.parse(
                "store.yaml", ComposeKits.specText("one-region").replace("name: api", "name: store"));
        ServiceSpec secret = SpecParser.parse(
                "secret.yaml", ComposeKits.specText("one-region").replace("SIGNING_SALT:", "REDIS_PASSWORD:"));

        assertTrue(assertThrows(LandfallException.class, () -> ComposeGenerator.generate(store))
                .getMessage()
                .contains("'store'"));
        assertTrue(assertThrows(LandfallException.class, () -> ComposeGenerator.generate(secret))
                .getMessage()
                .contains("REDIS_PASSWORD"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
