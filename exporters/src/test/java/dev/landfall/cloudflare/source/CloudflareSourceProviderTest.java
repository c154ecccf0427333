package dev.landfall.cloudflare.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.AccountBound;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceProvider;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code cloudflare} scheme is served through ServiceLoader and resolves its account and token. */
class CloudflareSourceProviderTest {
    private static final Map<String, String> VARIABLES =
            Map.of("CLOUDFLARE_API_TOKEN", "token-not-used", "CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:9");

    @Test
    void serviceLoaderFindsTheProviderUnderCloudflare() {
        List<SourceProvider> found = ServiceLoader.load(SourceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("cloudflare"))
                .toList();
        assertEquals(1, found.size());
        assertInstanceOf(CloudflareSourceProvider.class, found.get(0));
        assertTrue(SourceRegistry.isSource("cloudflare"));
        assertTrue(SourceRegistry.usages().stream().anyMatch(u -> u.startsWith("cloudflare://ACCOUNT_ID")));
    }

    @Test
    void theAccountComesFromTheUriOrElseTheEnvironment() throws IOException {
        SourceEnv env = new SourceEnv(VARIABLES, Clock.systemUTC(), SourceOptions.DEFAULTS);
        try (Source source = SourceRegistry.open("--from", StoreUri.parse("cloudflare://acct1"), env)) {
            assertInstanceOf(CloudflareAccountSource.class, source);
            assertTrue(source.describe().contains("acct1"), source.describe());
            assertEquals("acct1", ((AccountBound) source).accountId());
        }
        Map<String, String> withAccount = new java.util.HashMap<>(VARIABLES);
        withAccount.put("CLOUDFLARE_ACCOUNT_ID", "acct2");
        try (Source source = SourceRegistry.open(
                "--from", StoreUri.parse("cloudflare://"), env.withOptions(SourceOptions.DEFAULTS))) {
            throw new AssertionError("no account anywhere, yet opened " + source.describe());
        } catch (LandfallException e) {
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().startsWith("no Cloudflare account id"), e.getMessage());
        }
        try (Source source = SourceRegistry.open(
                "--from",
                StoreUri.parse("cloudflare://"),
                new SourceEnv(withAccount, Clock.systemUTC(), SourceOptions.DEFAULTS))) {
            assertTrue(source.describe().contains("acct2"), source.describe());
        }
    }

    @Test
    void aMissingTokenIsAUsageErrorBeforeAnyRequest() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> new CloudflareSourceProvider()
                        .open(StoreUri.parse("cloudflare://acct"), SourceEnv.local(Clock.systemUTC())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("CLOUDFLARE_API_TOKEN"), e.getMessage());
    }
}
