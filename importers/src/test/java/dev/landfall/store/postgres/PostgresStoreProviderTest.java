package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Both schemes are registered, and a malformed URI fails before any connection. */
class PostgresStoreProviderTest {
    private static Map<String, StoreProvider> providers() {
        Map<String, StoreProvider> out = new HashMap<>();
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
            out.put(p.scheme(), p);
        }
        return out;
    }

    @Test
    void bothSchemesAreRegistered() {
        Map<String, StoreProvider> providers = providers();
        assertTrue(providers.get("postgres") instanceof PostgresStoreProvider);
        assertTrue(providers.get("postgresql") instanceof PostgresqlStoreProvider);
        for (String scheme : new String[] {"postgres", "postgresql"}) {
            assertTrue(
                    providers.get(scheme).usage().startsWith(scheme + "://"),
                    providers.get(scheme).usage());
        }
    }

    @Test
    void aMalformedUriIsAUsageErrorUnderEitherScheme() {
        for (String text : new String[] {"postgres://nouser/db", "postgresql://app:pw@db:0/app"}) {
            StoreUri uri = StoreUri.parse(text);
            LandfallException e = assertThrows(
                    LandfallException.class, () -> providers().get(uri.scheme()).open(uri));
            assertEquals(ErrorKind.USAGE, e.kind(), e.getMessage());
        }
    }
}
