package dev.landfall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.run.ImportOptions;
import dev.landfall.core.run.Importer;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.HoldingWrites;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle imported into a store that holds its writes is checked while it is copied, so a bundle
 * whose check fails (here: a value changed in its last part, found only at that part's end) must
 * leave the store exactly as it was, whatever the batch size; an intact one is all in.
 */
public abstract class AbstractCheckedImportTest {
    private static final KvNamespace FIRST = new KvNamespace("ns-first", "FIRST");
    protected static final KvNamespace SECOND = new KvNamespace("ns-second", "SECOND");
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    protected Path dir;

    /** The URI of an empty store for this test, made under {@code dir} or on the test server. */
    protected abstract String storeUri(Path dir) throws Exception;

    @Test
    void theProviderSaysBeforeOpeningThatItsStoresHoldTheirWrites() throws Exception {
        StoreUri uri = StoreUri.parse(storeUri(dir));
        assertTrue(StoreRegistry.holdsWrites("--to", uri));
        try (Store store = StoreRegistry.open("--to", uri, SourceEnv.local(CLOCK))) {
            assertTrue(store instanceof HoldingWrites, store.describe());
        }
    }

    @Test
    void anIntactBundleIsAllIn() throws Exception {
        String store = storeUri(dir);
        Path bundle = bundle("one", 1);
        importInto(bundle, store, 100);
        assertEquals(expected(1), content(store));
    }

    @Test
    void aSecondGenerationOverTheFirstIsAllIn() throws Exception {
        String store = storeUri(dir);
        importInto(bundle("old", 1), store, 10_000);
        importInto(bundle("new", 2), store, 500);
        List<String> expected = new ArrayList<>();
        for (KvNamespace ns : List.of(FIRST, SECOND)) {
            expected.add(ns.describe());
            TreeMap<String, Integer> keys = new TreeMap<>();
            keys(1).forEach(k -> keys.put(k, 1));
            keys(2).forEach(k -> keys.put(k, 2));
            keys.forEach((k, gen) ->
                    expected.add(ns.id() + " " + k + " = " + new String(value(ns, k, gen), StandardCharsets.UTF_8)));
        }
        assertEquals(expected, content(store));
    }

    @Test
    void aBundleWithADamagedLastPartLeavesTheStoreAsItWas() throws Exception {
        String store = storeUri(dir);
        importInto(bundle("old", 1), store, 10_000);
        List<String> before = content(store);
        Path damaged = bundle("new", 2);
        damageLastPart(damaged, SECOND);

        for (int batch : List.of(7, 600, 10_000)) {
            LandfallException e =
                    assertThrows(LandfallException.class, () -> importInto(damaged, store, batch), "batch " + batch);
            assertEquals(ErrorKind.FAILED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("is not the one manifest.json records"), e.getMessage());
            assertTrue(
                    e.hint().orElseThrow().startsWith("nothing was written"),
                    e.hint().orElseThrow());
            assertEquals(before, content(store), "the store as it was, batch " + batch);
        }
    }

    protected void importInto(Path bundle, String store, int batch) throws IOException {
        new Importer(
                        new ImportOptions(
                                StoreUri.parse("bundle:" + bundle), StoreUri.parse(store), WriteMode.UPSERT, batch),
                        SourceEnv.local(CLOCK))
                .run(new CopyListener() {});
    }

    /**
     * A bundle of FIRST and SECOND, 1,200 keys each in parts of 250 entries, values of generation
     * {@code gen}; generation 2 also has keys generation 1 lacks.
     */
    protected Path bundle(String name, int gen) throws IOException {
        Path bundle = dir.resolve(name);
        BundleOptions options = BundleOptions.builder().partMaxEntries(250).build();
        try (BundleStore store = new BundleStore(bundle, options)) {
            for (KvNamespace ns : List.of(FIRST, SECOND)) {
                try (ScopeWriter w = store.open(ns, WriteMode.UPSERT)) {
                    for (String key : keys(gen)) {
                        w.put(new Entry(ns, Key.of(key), value(ns, key, gen), null, null));
                    }
                    w.flush();
                }
            }
        }
        return bundle;
    }

    private static List<String> keys(int gen) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            keys.add(String.format("key-%05d", gen == 1 ? i * 2 : i));
        }
        return keys;
    }

    private static byte[] value(Scope scope, String key, int gen) {
        return ("value " + gen + " of " + key + " in " + scope.id()).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> expected(int gen) {
        List<String> out = new ArrayList<>();
        for (KvNamespace ns : List.of(FIRST, SECOND)) {
            out.add(ns.describe());
            for (String key : keys(gen)) {
                out.add(ns.id() + " " + key + " = " + new String(value(ns, key, gen), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Every scope and entry of the store, in order. */
    private static List<String> content(String uri) throws IOException {
        List<String> out = new ArrayList<>();
        try (Store store = StoreRegistry.open("--to", StoreUri.parse(uri), SourceEnv.local(CLOCK));
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                Scope scope = scopes.current();
                out.add(scope.describe());
                try (Cursor<Entry> entries = store.entries(scope, Checkpoint.START)) {
                    while (entries.next()) {
                        Entry e = entries.current();
                        out.add(scope.id() + " " + e.key().text() + " = "
                                + new String(e.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    /** Changes the value on the last line of the scope's last part, leaving the manifest's SHA-256 as it was. */
    protected static void damageLastPart(Path bundle, Scope scope) throws IOException {
        Path part;
        try (Stream<Path> files = Files.walk(bundle)) {
            String scopeDir = ((KvNamespace) scope).namespaceId();
            part = files.filter(
                            p -> p.toString().contains(scopeDir) && p.toString().endsWith(".ndjson.gz"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(part))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int last = text.lastIndexOf("value 2 of");
        String changed = text.substring(0, last) + "value 9 of" + text.substring(last + "value 2 of".length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(changed.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(part, bytes.toByteArray());
    }
}
