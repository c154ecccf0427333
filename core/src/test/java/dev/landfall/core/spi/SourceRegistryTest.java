package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRegistryTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownSchemeNamesEverySourceAndStore() {
        LandfallException e = assertThrows(
                LandfallException.class, () -> SourceRegistry.open("--from", StoreUri.parse("ftp://x"), env(plain())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--from ftp://x"), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("wrangler")
                        && e.hint().orElseThrow().contains("bundle"),
                e.hint().orElseThrow());
    }

    @Test
    void accountOptionsAreRefusedForEverySourceThatIsNotAnAccount() throws IOException {
        Path file = Files.writeString(dir.resolve("kv.json"), "[]");
        for (SourceOptions options : List.of(
                plain().withScopes(List.of("NS"), List.of()).withPrefix("user:"),
                new SourceOptions(
                        List.of("NS"),
                        List.of(),
                        "",
                        SourceOptions.Via.WORKER,
                        Optional.empty(),
                        4,
                        RequestBudget.CLOUDFLARE_DEFAULT,
                        line -> {}),
                new SourceOptions(
                        List.of("NS"),
                        List.of(),
                        "",
                        SourceOptions.Via.REST,
                        Optional.of("https://w.example"),
                        4,
                        RequestBudget.CLOUDFLARE_DEFAULT,
                        line -> {}))) {
            for (String from : List.of("bundle:" + dir.resolve("b"), "wrangler:" + file)) {
                LandfallException e = assertThrows(
                        LandfallException.class,
                        () -> SourceRegistry.open("--from", StoreUri.parse(from), env(options)),
                        from + " with " + options);
                assertEquals(ErrorKind.USAGE, e.kind());
                assertTrue(e.getMessage().contains("applies to a Cloudflare account"), e.getMessage());
            }
        }
        assertTrue(!Files.exists(dir.resolve("b")), "a refused source creates nothing");
    }

    @Test
    void aWranglerFileNeedsExactlyOneNamespace() throws IOException {
        Path file = Files.writeString(dir.resolve("kv.json"), "[]");
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SourceRegistry.open("--from", StoreUri.parse("wrangler:" + file), env(plain())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.hint().orElseThrow().contains("--kv"), e.hint().orElseThrow());
        try (Source s = SourceRegistry.open(
                "--from", StoreUri.parse("wrangler:" + file), env(plain().withScopes(List.of("FLAGS"), List.of())))) {
            assertTrue(s instanceof ScopeSelecting, "a wrangler file applies --kv itself");
        }
    }

    @Test
    void aStoreThatIsNotThereIsRefusedAndNotCreated() {
        Path missing = dir.resolve("no-such-bundle");
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SourceRegistry.open("--from", StoreUri.parse("bundle:" + missing), env(plain())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(
                e.getMessage().contains("nothing to read") && e.getMessage().contains("manifest.json"), e.getMessage());
        assertTrue(!Files.exists(missing), "reading a source creates nothing");
    }

    private static SourceOptions plain() {
        return SourceOptions.DEFAULTS;
    }

    private static SourceEnv env(SourceOptions options) {
        return new SourceEnv(Map.of(), new FakeClock(), options);
    }
}
