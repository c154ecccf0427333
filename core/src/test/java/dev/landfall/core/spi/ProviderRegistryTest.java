package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.spi.ProviderChecks.Registered;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The providers core registers keep the registries' rules, and the checks catch each breach. */
class ProviderRegistryTest {
    @TempDir
    Path dir;

    @Test
    void coreProvidersLoadAndEachSchemeHasOneProviderOfOneKind() {
        assertEquals(List.of(), ProviderChecks.problems(getClass().getClassLoader()));
        assertTrue(
                SourceRegistry.schemes().contains("wrangler"),
                SourceRegistry.schemes().toString());
        assertTrue(
                StoreRegistry.schemes().containsAll(List.of("bundle", "memory")),
                StoreRegistry.schemes().toString());
    }

    @Test
    void aSchemeThatIsBothASourceAndAStoreIsAProblem() {
        List<String> problems = ProviderChecks.problems(
                List.of(new Registered("a.BundleStoreProvider", "bundle")),
                List.of(new Registered("b.BundleSourceProvider", "bundle")));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("both a source"), problems.get(0));
    }

    @Test
    void oneModuleMayServeASchemeAsBothASourceAndAStore() {
        assertEquals(
                List.of(),
                ProviderChecks.problems(
                        List.of(new Registered("dev.landfall.cloudflare.store.KvStoreProvider", "cloudflare")),
                        List.of(new Registered("dev.landfall.cloudflare.source.AccountProvider", "cloudflare"))));
    }

    @Test
    void aSchemeServedTwiceIsAProblemForSourcesAndStores() {
        List<Registered> twice = List.of(new Registered("a.One", "x"), new Registered("b.Two", "x"));
        assertEquals(1, ProviderChecks.problems(twice, List.of()).size());
        assertEquals(1, ProviderChecks.problems(List.of(), twice).size());
        List<Registered> sameClassTwice = List.of(new Registered("a.One", "x"), new Registered("a.One", "x"));
        assertEquals(
                List.of(), ProviderChecks.problems(sameClassTwice, List.of()), "listed twice is still one provider");
    }

    @Test
    void aMalformedSchemeIsAProblem() {
        assertEquals(
                1,
                ProviderChecks.problems(List.of(new Registered("a.One", "Bad Scheme")), List.of())
                        .size());
    }

    @Test
    void aListedClassThatDoesNotLoadOrIsNoProviderIsAProblem() throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(
                services.resolve(SourceProvider.class.getName()),
                "# comment\ndev.landfall.nowhere.GoneSourceProvider\n" + String.class.getName() + "  # not one\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<String> problems = new ArrayList<>();
            ProviderChecks.load(loader, SourceProvider.class, SourceProvider::scheme, problems);
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("GoneSourceProvider, which does not load"), problems.get(0));
            assertTrue(problems.get(1).contains("java.lang.String, which is not a SourceProvider"), problems.get(1));
        }
    }
}
