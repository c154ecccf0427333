package dev.landfall.cloudflare.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CloudflareStoreProviderTest {
    @Test
    void cloudflareIsAStoreSchemeToo() {
        assertTrue(
                StoreRegistry.schemes().contains("cloudflare"),
                StoreRegistry.schemes().toString());
        assertTrue(StoreRegistry.usages().stream().anyMatch(u -> u.startsWith("cloudflare://ACCOUNT_ID[?namespace=")));
    }

    @Test
    void withoutATokenTheErrorNamesTheVariableAndTheEditPermission() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> StoreRegistry.open(
                        "--to", StoreUri.parse("cloudflare://acc123"), SourceEnv.local(Clock.systemUTC())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("CLOUDFLARE_API_TOKEN"), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("Workers KV Storage > Edit"),
                e.hint().orElseThrow());
    }

    @Test
    void withoutAnEnvironmentNeitherOpeningNamesAnythingButTheToken() {
        CloudflareStoreProvider provider = new CloudflareStoreProvider();
        StoreUri uri = StoreUri.parse("cloudflare://acc123");
        for (Executable open : new Executable[] {() -> provider.open(uri), () -> provider.openForReading(uri)}) {
            LandfallException e = assertThrows(LandfallException.class, open);
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("CLOUDFLARE_API_TOKEN"), e.getMessage());
        }
    }

    @Test
    void withoutAnAccountTheErrorSaysWhereToGiveIt() {
        SourceEnv env = new SourceEnv(
                Map.of("CLOUDFLARE_API_TOKEN", "t"), Clock.systemUTC(), dev.landfall.core.spi.SourceOptions.DEFAULTS);
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> StoreRegistry.openForReading("--to", StoreUri.parse("cloudflare://?namespace=X"), env));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("CLOUDFLARE_ACCOUNT_ID"), e.getMessage());
    }
}
