package dev.landfall.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the test servers are: an environment variable, else the line of {@code stores.env} that
 * {@code bin/stores start} wrote ({@code LANDFALL_STORES_HOME}, default /tmp/landfall-stores).
 */
public final class StoreSettings {
    private StoreSettings() {}

    /** The setting, or null when neither the environment nor stores.env has it. */
    public static String get(String name) {
        String env = System.getenv(name);
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path file = Path.of(System.getenv().getOrDefault("LANDFALL_STORES_HOME", "/tmp/landfall-stores"), "stores.env");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name + "=")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
