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

    @Test
    void theServiceIsProbedAsTheLoadBalancerProbesIt() {
        // health-check.yaml: TLS passes through to the container, probed over HTTPS on its own port.
        ServiceSpec spec = ComposeKits.spec("health-check");
        String test = ComposeKits.compose(ComposeKits.files("health-check"))
                .at("/services/" + spec.name() + "/healthcheck/test/1")
                .asText();
        assertTrue(
                test.contains("wget -q --no-check-certificate -O /dev/null 'https://127.0.0.1:9090/health/ready'"),
                test);
        assertTrue(test.contains("curl -kfsS"), test);
        assertFalse(test.contains("http://"), test);
        assertTrue(ComposeKits.files("health-check").get("README.md").contains("https://127.0.0.1:9090/health/ready"));

        ServiceSpec tcp = SpecParser.parse(
                "tcp.yaml",
                ComposeKits.specText("one-region")
                        .replace("healthCheckPath: /healthz", "healthCheck: {protocol: TCP, path: /healthz}"));
        String probe = ComposeFile.healthTest(tcp);
        assertTrue(probe.startsWith("nc -z 127.0.0.1 " + tcp.port() + " "), probe);
        assertFalse(probe.contains("http"), probe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp"})
    void theKitHasTheStoreTheImportJobAndTheServiceInThatStartOrder(String name) {
        ServiceSpec spec = ComposeKits.spec(name);
        JsonNode compose = ComposeKits.compose(ComposeKits.files(name));

        assertFalse(compose.has("version"), "the compose spec has no version key");
        JsonNode services = compose.get("services");
        assertEquals(List.of("kit-check", "store", "landfall-import", spec.name()), fieldNames(services));
        assertEquals(
                "service_completed_successfully",
                services.at("/store/depends_on/kit-check/condition").asText(),
                "nothing starts before the placeholder check passed");

        JsonNode service = services.get(spec.name());
        assertEquals(spec.image(), service.get("image").asText());
        assertEquals("unless-stopped", service.get("restart").asText());
        assertEquals(
                "${HOST_PORT:-" + spec.port() + "}:" + spec.port()
                        + (spec.accelerator().protocol().equals("UDP") ? "/udp" : ""),
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
                        .contains("://127.0.0.1:" + spec.healthCheckPort() + spec.healthCheckPath()),
                service.at("/healthcheck/test/1").asText());

        JsonNode environment = service.get("environment");
        spec.environment()
                .forEach(
                        (key, value) -> assertEquals(value, environment.get(key).asText(), key));
        spec.secrets()
                .keySet()
                .forEach(key -> assertEquals(
                        EnvVariable.required(key), environment.get(key).asText(), key));
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
        assertEquals(
                EnvVariable.required("BUNDLE_UID") + ":" + EnvVariable.required("BUNDLE_GID"),
                job.get("user").asText(),
                "reads 0600 bundles as their owner");
        assertEquals("service_healthy", job.at("/depends_on/store/condition").asText());
        JsonNode mount = job.get("volumes").get(0);
        assertEquals(2, job.get("volumes").size());
        assertEquals("kit-secrets:/kit-secrets:ro", job.get("volumes").get(1).asText());
        assertEquals("bind", mount.get("type").asText());
        assertEquals("./bundle", mount.get("source").asText());
        assertEquals("/bundle", mount.get("target").asText());
        assertTrue(mount.get("read_only").asBoolean(), "the bundle is mounted read-only");
        assertEquals(List.of("sh", "-c"), texts(job.get("entrypoint")));
        String script = job.at("/command/0").asText();
        assertTrue(
                script.startsWith("exec java -jar /opt/landfall/landfall.jar import --from bundle:/bundle --to \"")
                        || script.contains(
                                "&& exec java -jar /opt/landfall/landfall.jar import --from bundle:/bundle --to \""),
                script);
        assertTrue(script.contains("@store:"), script);
    }

    @Test
    void aRedisStoreIsRedis7WithAppendOnlyAndAPingHealthCheck() {
        JsonNode compose = ComposeKits.compose(ComposeKits.files("one-region"));
        JsonNode store = compose.at("/services/store");

        assertEquals("redis:7-alpine", store.get("image").asText());
        String command = String.join(" ", texts(store.get("command")));
        assertTrue(
                command.endsWith("exec docker-entrypoint.sh redis-server --appendonly yes --requirepass"
                        + " \"$$(cat /kit-secrets/store_password)\""),
                "the image's entrypoint still drops to the redis user, the password comes from the file: " + command);
        assertTrue(store.at("/healthcheck/test/1").asText().endsWith("redis-cli ping | grep -q PONG"));
        assertEquals("store-data:/data", store.get("volumes").get(0).asText());
        assertFalse(store.has("environment"), "no password in the store's environment");
        assertTrue(compose.at("/volumes").has("store-data"));
        assertTrue(
                compose.at("/services/landfall-import/command/0")
                        .asText()
                        .endsWith("--to \"redis://:$$(cat /kit-secrets/store_password)@store:6379/0\""),
                compose.at("/services/landfall-import/command/0").asText());
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
                "/kit-secrets/store_password",
                store.at("/environment/POSTGRES_PASSWORD_FILE").asText(),
                "the image's *_FILE convention");
        assertFalse(store.at("/environment").has("POSTGRES_PASSWORD"));
        assertFalse(job.has("environment"), "the job reads the password from the file, not its environment");
        String script = job.at("/command/0").asText();
        assertTrue(script.startsWith("export PGPASSWORD=\"$$(cat /kit-secrets/store_password)\" && exec "), script);
        assertTrue(
                script.endsWith("--to \"postgres://" + EnvVariable.required("POSTGRES_USER") + "@store:5432/"
                        + EnvVariable.required("POSTGRES_DB") + "\""),
                script);
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

        ServiceSpec check = SpecParser.parse(
                "check.yaml", ComposeKits.specText("one-region").replace("name: api", "name: kit-check"));
        assertTrue(assertThrows(LandfallException.class, () -> ComposeGenerator.generate(check))
                .getMessage()
                .contains("'kit-check'"));
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
