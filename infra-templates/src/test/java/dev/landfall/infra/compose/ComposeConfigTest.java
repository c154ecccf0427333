package dev.landfall.infra.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.landfall.infra.ToolOnPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit as docker compose itself reads it: Debian's {@code docker-compose} 1.29 runs
 * {@code config} without a Docker engine. Skips with a message where it is not installed.
 */
class ComposeConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "serve-workerd"})
    void composeAcceptsTheKitOnceEnvIsFilledIn(String spec, @TempDir Path dir) throws Exception {
        SortedMap<String, String> files = kit(spec, dir);
        Files.writeString(
                dir.resolve(".env"), files.get(ComposeGenerator.ENV_EXAMPLE).replace("change-me", "s3cret0"));

        Run config = config(dir);

        assertEquals(0, config.exit(), config.output());
        JsonNode resolved = new ObjectMapper(new YAMLFactory()).readTree(config.output());
        // compose prints $ doubled again: the script coming back unchanged means compose left
        // every shell $ to the shell and substituted none of it.
        assertEquals(
                ComposeKits.compose(files).at("/services/kit-check/command/0").asText(),
                resolved.at("/services/kit-check/command/0").asText());
        String password = ComposeKits.spec(spec).regions().get(0).store().kind().equals("redis")
                ? "REDIS_PASSWORD"
                : "POSTGRES_PASSWORD";
        assertEquals(
                "s3cret0",
                resolved.at("/services/kit-check/environment/" + password).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void composeRefusesAnEmptyOrMissingSecretNamingIt(String spec, @TempDir Path dir) throws Exception {
        SortedMap<String, String> files = kit(spec, dir);
        String secret = ComposeKits.spec(spec).secrets().lastKey();
        String env = files.get(ComposeGenerator.ENV_EXAMPLE)
                .replace("change-me", "s3cret0")
                .replace(secret + "=s3cret0", secret + "=");
        Files.writeString(dir.resolve(".env"), env);

        Run config = config(dir);

        assertNotEquals(0, config.exit(), config.output());
        assertTrue(config.output().contains(secret + " is not set: copy .env.example to .env"), config.output());
    }

    private static SortedMap<String, String> kit(String spec, Path dir) throws IOException {
        SortedMap<String, String> files = ComposeKits.files(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Files.createDirectories(dir.resolve("bundle"));
        return files;
    }

    private record Run(int exit, String output) {}

    private static Run config(Path dir) throws IOException, InterruptedException {
        String compose = ToolOnPath.find("docker-compose").map(Path::toString).orElse(null);
        // CI installs it (bin/test-all); there, a missing tool is a failure, not a skip.
        assertTrue(
                compose != null || !"1".equals(System.getenv("LANDFALL_IT_REQUIRED")),
                "docker-compose is not on the PATH and LANDFALL_IT_REQUIRED=1");
        assumeTrue(
                compose != null,
                "docker-compose is not on the PATH (Debian: apt-get install docker-compose): skipping the compose"
                        + " config check");
        ProcessBuilder builder =
                new ProcessBuilder(compose, "config").directory(dir.toFile()).redirectErrorStream(true);
        // Only .env may supply the kit's variables.
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
