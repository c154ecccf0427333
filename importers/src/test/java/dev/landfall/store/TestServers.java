package dev.landfall.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the real database servers of the integration tests are: {@code LANDFALL_PG_URL}, {@code
 * LANDFALL_REDIS_URL} and {@code LANDFALL_CLICKHOUSE_URL} from the environment, or from the {@code stores.env} that {@code
 * bin/stores start} writes. Without a server a test is skipped, except in CI ({@code
 * LANDFALL_IT_REQUIRED=1}), where it fails: a missing server must never pass for green.
 */
public final class TestServers {
    private TestServers() {}

    /** The PostgreSQL URI, such as {@code postgres://landfall:…@127.0.0.1:55432/landfall}. */
    public static String postgresUrl() {
        return required("LANDFALL_PG_URL", "postgres");
    }

    /** The Redis URI, such as {@code redis://landfall:…@127.0.0.1:56379/0}. */
    public static String redisUrl() {
        return required("LANDFALL_REDIS_URL", "redis");
    }

    /** The ClickHouse URI, such as {@code clickhouse://landfall:…@127.0.0.1:58123/landfall}. */
    public static String clickhouseUrl() {
        return required("LANDFALL_CLICKHOUSE_URL", "clickhouse");
    }

    private static String required(String name, String server) {
        String value = settings().get(name);
        if (value == null || value.isBlank()) {
            String why = name + " is not set: start the test servers with `bin/stores start " + server + "`";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return value;
    }

    private static Map<String, String> settings() {
        Map<String, String> out = new HashMap<>();
        String home = System.getenv().getOrDefault("LANDFALL_STORES_HOME", "/tmp/landfall-stores");
        Path file = Path.of(home, "stores.env");
        if (Files.isReadable(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        out.put(
                                line.substring(0, eq).trim(),
                                line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        for (String name : new String[] {"LANDFALL_PG_URL", "LANDFALL_REDIS_URL", "LANDFALL_CLICKHOUSE_URL"}) {
            String env = System.getenv(name);
            if (env != null && !env.isBlank()) {
                out.put(name, env);
            }
        }
        return out;
    }
}
