package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.run.ImportOptions;
import dev.landfall.core.run.Importer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store served key by key is the store {@code landfall import} filled and {@code export}, {@code
 * plan} and {@code verify} read: what import wrote, {@link KvAccess} serves as it is, and what
 * {@link KvAccess} writes, the store's {@link Source} reads back. A subclass names an empty store.
 */
public abstract class AbstractKvAccessInteropTest {
    /** 2100-01-01, after every expiration's "now" here and before none of the file's expirations. */
    private static final long NOW = 4_102_444_800L;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String WRANGLER_FILE = """
            [
              {"key": "user/1", "value": "ana", "metadata": {"role": "admin", "n": [1, 2]}, "expiration": 4102448400},
              {"key": "bin", "value": "AAEC/w==", "base64": true},
              {"key": "é/ü", "value": "accents"},
              {"key": "gone", "value": "soon deleted"}
            ]
            """;

    @TempDir
    protected Path tempDir;

    /** The URI of an empty store of the kind under test. */
    protected abstract StoreUri emptyStore() throws IOException;

    @Test
    void servesWhatImportWroteAndImportsReaderSeesWhatItWrites() throws IOException {
        StoreUri store = emptyStore();
        Path file = Files.writeString(tempDir.resolve("flags.json"), WRANGLER_FILE);
        SourceEnv env =
                SourceEnv.local(CLOCK).withOptions(SourceOptions.DEFAULTS.withScopes(List.of("FLAGS"), List.of()));
        new Importer(new ImportOptions(StoreUri.parse("wrangler:" + file), store, WriteMode.UPSERT, 100), env)
                .run(CopyListener.NONE);
        Map<Scope, List<Entry>> imported = readAll(store);
        KvNamespace flags = new KvNamespace("FLAGS", "FLAGS");
        KvNamespace fresh = new KvNamespace("d41d8cd98f00b204e9800998ecf8427e", "Fresh namespace");

        try (KvAccess access = StoreRegistry.openKvAccess("--store", store)) {
            assertEquals(List.of(flags), access.namespaces());
            assertEquals(4, imported.get(flags).size());
            for (Entry entry : imported.get(flags)) {
                assertEquals(
                        Optional.of(entry),
                        access.get(flags, entry.key(), NOW),
                        entry.key().text());
            }
            assertArrayEquals(
                    new byte[] {0, 1, 2, (byte) 0xff},
                    access.get(flags, Key.of("bin"), NOW).orElseThrow().value());
            assertEquals(
                    NOW + 3600,
                    access.get(flags, Key.of("user/1"), NOW).orElseThrow().expiration());
            assertEquals(
                    List.of("user/1"), AbstractKvAccessContractTest.keys(access.list(flags, "user/", null, 10, NOW)));

            access.delete(flags, Key.of("gone"));
            access.put(new Entry(flags, Key.of("user/2"), bytes("bo"), "{\"role\":\"viewer\"}", NOW + 60));
            access.put(new Entry(fresh, Key.of("k"), new byte[] {(byte) 0xc3}, null, null));
        }

        Map<Scope, List<Entry>> after = readAll(store);
        assertEquals(List.of(flags, fresh), List.copyOf(after.keySet()), "namespaces with their titles");
        List<String> keys = after.get(flags).stream().map(e -> e.key().text()).toList();
        assertEquals(List.of("bin", "user/1", "user/2", "é/ü"), keys);
        Entry put = after.get(flags).get(2);
        assertArrayEquals(bytes("bo"), put.value());
        assertEquals("{\"role\":\"viewer\"}", put.metadataJson());
        assertEquals(NOW + 60, put.expiration());
        assertEquals(List.of(new Entry(fresh, Key.of("k"), new byte[] {(byte) 0xc3}, null, null)), after.get(fresh));
        assertTrue(imported.get(flags).contains(after.get(flags).get(1)), "imported entries are untouched");
    }

    /** Every entry of every scope, through the store's Source, as export and verify read it. */
    private static Map<Scope, List<Entry>> readAll(StoreUri store) throws IOException {
        Map<Scope, List<Entry>> all = new LinkedHashMap<>();
        try (Source source = StoreRegistry.openForReading("--from", store);
                Cursor<Scope> scopes = source.scopes()) {
            while (scopes.next()) {
                Scope scope = scopes.current();
                List<Entry> entries = new java.util.ArrayList<>();
                try (Cursor<Entry> cursor = source.entries(scope, Checkpoint.START)) {
                    while (cursor.next()) {
                        entries.add(cursor.current());
                    }
                }
                all.put(scope, entries);
            }
        }
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
