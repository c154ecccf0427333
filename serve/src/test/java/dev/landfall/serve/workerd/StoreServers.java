package dev.landfall.serve.workerd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database servers' URLs for the integration tests, as importers' {@code TestServers} finds
 * them: the environment, else the {@code stores.env} that {@code bin/stores start} writes. Without
 * one a test is skipped, except under {@code LANDFALL_IT_REQUIRED=1}, where it fails.
 */
final class StoreServers {
    private StoreServers() {}

    static String url(String name, String server) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = fromStoresEnv(name);
        }
        if (value == null || value.isBlank()) {
            String why = name + " is not set: start the test servers with `bin/stores start " + server + "`";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return value;
    }

    private static String fromStoresEnv(String name) {
        Path file = Path.of(System.getenv().getOrDefault("LANDFALL_STORES_HOME", "/tmp/landfall-stores"), "stores.env");
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(name + "="))
                    .map(line -> line.substring(name.length() + 1).trim())
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
