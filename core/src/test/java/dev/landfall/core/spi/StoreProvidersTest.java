package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Providers are found through META-INF/services, one per scheme. */
class StoreProvidersTest {
    @Test
    void everySchemeHasExactlyOneProvider() {
        Map<String, String> byScheme = new HashMap<>();
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
            String previous = byScheme.put(p.scheme(), p.getClass().getName());
            assertEquals(null, previous, "scheme " + p.scheme() + " served twice");
            assertEquals(p.scheme().toLowerCase(java.util.Locale.ROOT), p.scheme());
            assertFalse(p.usage().isBlank());
            assertTrue(p.usage().startsWith(p.scheme() + ":"), p.usage());
        }
        assertEquals("dev.landfall.core.bundle.BundleStoreProvider", byScheme.get("bundle"));
        assertEquals("dev.landfall.core.store.MemoryStoreProvider", byScheme.get("memory")); // test resources
    }
}
