package dev.landfall.cloudflare.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvStoreTargetTest {
    private static KvStoreTarget parse(String uri) {
        return KvStoreTarget.parse(StoreUri.parse(uri));
    }

    @Test
    void theAccountAloneMapsEachNamespaceByIdOrTitle() {
        KvStoreTarget t = parse("cloudflare://acc123");
        assertEquals("cloudflare://acc123", t.account());
        assertEquals(Optional.empty(), t.namespace());
        assertFalse(t.create());
    }

    @Test
    void aNamedNamespaceIsPercentDecodedAndCreateIsOptIn() {
        KvStoreTarget t = parse("cloudflare://acc123?namespace=My%20Sessions%2Bold&create=true");
        assertEquals("cloudflare://acc123", t.account());
        assertEquals(Optional.of("My Sessions+old"), t.namespace());
        assertTrue(t.create());
    }

    @Test
    void badParametersAreUsageErrorsNamingTheUri() {
        for (String bad : new String[] {
            "cloudflare://a?nmespace=X",
            "cloudflare://a?namespace=",
            "cloudflare://a?namespace=X&namespace=Y",
            "cloudflare://a?create=yes",
            "cloudflare://a?namespace=%zz"
        }) {
            LandfallException e = assertThrows(LandfallException.class, () -> parse(bad), bad);
            assertEquals(ErrorKind.USAGE, e.kind(), bad);
            assertTrue(e.getMessage().startsWith("--to cloudflare://a"), e.getMessage());
            assertTrue(e.hint().isPresent(), bad);
        }
    }
}
