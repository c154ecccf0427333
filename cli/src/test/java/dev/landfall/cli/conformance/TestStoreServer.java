package dev.landfall.cli.conformance;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.landfall.cli.StoreSettings;

/**
 * A test server's URL as the other store ITs find it ({@link StoreSettings}). Without one the case
 * is skipped with a message, except under {@code LANDFALL_IT_REQUIRED=1}, where it fails: a
 * missing server never passes for green.
 */
final class TestStoreServer {
    private TestStoreServer() {}

    static String url(String name) {
        String value = StoreSettings.get(name);
        if (value == null) {
            String why = name + " is not set: start the test servers with bin/stores start";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return value;
    }
}
