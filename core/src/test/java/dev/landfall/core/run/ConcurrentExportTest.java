package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.ConcurrentScopes;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export of a source that allows several scopes at once (Durable Objects) copies them together. */
class ConcurrentExportTest {
    private static final int OBJECTS = 12;
    private final FakeClock clock = new FakeClock();

    @TempDir
    Path dir;

    @Test
    void severalObjectsAreCopiedAtOnceAndTheBundleHoldsThemAll() throws IOException {
        CountDownLatch threeReading = new CountDownLatch(3);
        Source objects = new ObjectSource(store(), 3) {
            @Override
            public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
                threeReading.countDown();
                try {
                    // One object at a time would never get past here (the bound only ends a broken run).
                    assertTrue(threeReading.await(30, TimeUnit.SECONDS), "three objects were never read at once");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.entries(scope, after);
            }
        };
        ExportResult r = exporter(dir.resolve("b"), false).export(objects, CopyListener.NONE, () -> false);
        assertEquals(OBJECTS, r.totals().scopes());
        assertEquals(OBJECTS * 1500L, r.totals().counts().created());
        assertEquals(digests(reference()), digests(dir.resolve("b")), "the same bundle as one object at a time");
    }

    @Test
    void aStoppedConcurrentExportResumesToTheSameBundle() throws IOException {
        Path b = dir.resolve("b");
        AtomicInteger batches = new AtomicInteger();
        assertThrows(
                RunStopped.class,
                () -> exporter(b, false)
                        .export(new ObjectSource(store(), 4), CopyListener.NONE, () -> batches.incrementAndGet() >= 7));
        ExportResult rest = exporter(b, true).export(new ObjectSource(store(), 4), CopyListener.NONE, () -> false);
        assertTrue(
                rest.totals().scopes() > 0 && rest.totals().scopes() < OBJECTS,
                rest.totals().toString());
        assertEquals(digests(reference()), digests(b), "nothing lost, nothing twice");
    }

    @Test
    void oneFailedObjectStopsTheOthersAndItsFailureIsThrown() throws IOException {
        Path b = dir.resolve("b");
        Source failing = new ObjectSource(store(), 4) {
            @Override
            public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
                if (scope.id().endsWith("o05")) {
                    throw LandfallException.transientFailure("the Worker went away", null, null);
                }
                return super.entries(scope, after);
            }
        };
        LandfallException e = assertThrows(
                LandfallException.class, () -> exporter(b, false).export(failing, CopyListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("the Worker went away"), e.getMessage());
        ExportResult rest = exporter(b, true).export(new ObjectSource(store(), 4), CopyListener.NONE, () -> false);
        assertTrue(rest.totals().skippedScopes() > 0, "what finished before the failure is kept");
        assertEquals(digests(reference()), digests(b));
    }

    private Path reference() throws IOException {
        Path ref = dir.resolve("reference");
        if (!Files.exists(ref)) {
            exporter(ref, false).export(new ObjectSource(store(), 1), CopyListener.NONE, () -> false);
        }
        return ref;
    }

    private Exporter exporter(Path bundle, boolean resume) {
        return new Exporter(new ExportOptions(new ExportBundle(bundle), resume, false, "test"), clock);
    }

    /** A source of objects that says how many may be read at once. */
    private static class ObjectSource implements Source, ConcurrentScopes {
        private final MemoryStore store;
        private final int atOnce;

        ObjectSource(MemoryStore store, int atOnce) {
            this.store = store;
            this.atOnce = atOnce;
        }

        @Override
        public int scopesAtOnce() {
            return atOnce;
        }

        @Override
        public String describe() {
            return "objects";
        }

        @Override
        public Cursor<Scope> scopes() throws IOException {
            return store.scopes();
        }

        @Override
        public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
            return store.entries(scope, after);
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    /** Objects of 1,500 entries: two batches each, so a stop can fall inside one. */
    private static MemoryStore store() throws IOException {
        MemoryStore store = new MemoryStore("objects");
        for (int o = 0; o < OBJECTS; o++) {
            DurableObject d = new DurableObject("ns1", String.format("o%02d", o));
            try (ScopeWriter w = store.open(d, WriteMode.UPSERT)) {
                for (int i = 0; i < 1500; i++) {
                    w.put(new Entry(
                            d,
                            Key.of(String.format("k%05d", i)),
                            (d.objectId() + "-" + i).getBytes(StandardCharsets.UTF_8),
                            null,
                            null));
                }
                w.flush();
            }
        }
        return store;
    }

    private static Map<String, String> digests(Path bundle) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                Scope s = scopes.current();
                out.put(s.id(), store.digest(s).orElseThrow().toJson());
            }
        }
        return out;
    }
}
