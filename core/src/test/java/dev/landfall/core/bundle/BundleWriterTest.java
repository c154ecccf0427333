package dev.landfall.core.bundle;

import static dev.landfall.core.bundle.BundleTesting.KV;
import static dev.landfall.core.bundle.BundleTesting.assertFailed;
import static dev.landfall.core.bundle.BundleTesting.numbered;
import static dev.landfall.core.bundle.BundleTesting.readAll;
import static dev.landfall.core.bundle.BundleTesting.scopeDir;
import static dev.landfall.core.bundle.BundleTesting.tree;
import static dev.landfall.core.bundle.BundleTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a bundle is written: order, generations, crashes, resume, leftovers. */
class BundleWriterTest {
    @TempDir
    Path tempDir;

    private Path dir() {
        return tempDir.resolve("bundle");
    }

    private BundleStore store() {
        return new BundleStore(dir(), BundleTesting.parts(3));
    }

    @Test
    void keysMustStrictlyIncrease() throws IOException {
        try (BundleStore s = store();
                ScopeWriter w = s.open(KV, WriteMode.UPSERT)) {
            List<Entry> e = numbered(KV, 0, 3);
            w.put(e.get(1));
            assertFailed("key 'key-0000' came after 'key-0001' .*strictly increasing key order", () -> w.put(e.get(0)));
            assertFailed("key 'key-0001' came after 'key-0001'", () -> w.put(e.get(1)));
            w.put(e.get(2)); // the writer is still usable
            w.flush();
        }
        try (BundleStore s = store()) {
            assertEquals(numbered(KV, 1, 3), readAll(s, KV));
        }
    }

    @Test
    void refusesAnEntryOfAnotherScopeAndTakesOneOfAnEqualScope() throws IOException {
        DurableObject object = new DurableObject("ns", "object-1");
        try (BundleStore s = store();
                ScopeWriter w = s.open(object, WriteMode.UPSERT)) {
            Entry other = new Entry(new DurableObject("ns", "object-2"), Key.of("a"), new byte[] {'1'}, null, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.put(other));
            assertEquals("entry of do:ns:object-2 put into the writer of do:ns:object-1", e.getMessage());
            w.put(new Entry(new DurableObject("ns", "object-1"), Key.of("a"), new byte[] {'1'}, null, null));
            w.flush();
        }
        try (BundleStore s = store()) {
            assertEquals(1, readAll(s, new DurableObject("ns", "object-1")).size());
        }
    }

    @Test
    void oneWriterPerScopeAtATime() throws IOException {
        try (BundleStore s = store()) {
            ScopeWriter w = s.open(KV, WriteMode.UPSERT);
            assertThrows(IllegalStateException.class, () -> s.open(KV, WriteMode.UPSERT));
            w.close();
            s.open(KV, WriteMode.UPSERT).close();
        }
    }

    /** The scope's directory is made outside the store's lock; a failure there must not hold the scope. */
    @Test
    void aWriterThatCouldNotBeOpenedLeavesTheScopeFreeForTheNext() throws IOException {
        Path blocked = scopeDir(dir(), KV);
        Files.createDirectories(blocked.getParent());
        Files.write(blocked, new byte[] {1}); // a file where the scope's directory belongs
        try (BundleStore s = store()) {
            assertThrows(IOException.class, () -> s.open(KV, WriteMode.UPSERT));
            Files.delete(blocked);
            try (ScopeWriter w = s.open(KV, WriteMode.UPSERT)) {
                w.put(numbered(KV, 0, 1).get(0));
                w.flush();
            }
        }
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 1), readAll(reader, KV));
        }
    }

    @Test
    void aRewriteReplacesThePartsAtCommitAndRemovesTheOldFiles() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 7));
        }
        Set<String> first = partFiles();
        List<Entry> changed = numbered(KV, 0, 7).stream()
                .map(e -> new Entry(KV, e.key(), "new".getBytes(StandardCharsets.UTF_8), null, null))
                .toList();
        BundleStore s = store();
        write(s, KV, changed);
        try (BundleStore reader = store()) {
            assertEquals(
                    numbered(KV, 0, 7), readAll(reader, KV), "flushed but not committed: readers see generation 1");
        }
        s.close();
        try (BundleStore reader = store()) {
            assertEquals(changed, readAll(reader, KV));
            ScopeRecord r = reader.manifest().orElseThrow().scope(KV.id()).orElseThrow();
            assertEquals(2, r.generation());
            Set<String> live = r.parts().stream().map(PartRecord::file).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(live, partFiles(), "only the new generation's parts remain");
            live.retainAll(first);
            assertEquals(Set.of(), live, "new parts never overwrite committed ones");
        }
        assertTrue(Files.notExists(scopeDir(dir(), KV).resolve("pending.json")));
    }

    @Test
    void aWriterWithNoPutsKeepsTheCommittedEntries() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 5));
        }
        try (BundleStore s = store()) {
            s.open(KV, WriteMode.UPSERT).close();
        }
        try (BundleStore s = store()) {
            assertEquals(numbered(KV, 0, 5), readAll(s, KV));
            assertEquals(
                    2, s.manifest().orElseThrow().scope(KV.id()).orElseThrow().generation());
        }
    }

    @Test
    void closingAfterACommitWithNothingPendingDoesNotReadTheManifestAgain() throws IOException {
        Path manifest = dir().resolve("manifest.json");
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 5));
            s.commit();
            // A manifest that would fail to parse: close() must find nothing to do without reading it.
            Files.writeString(manifest, "not json");
        }
        assertEquals("not json", Files.readString(manifest));
    }

    @Test
    void anEmptyScopeIsCommitted() throws IOException {
        try (BundleStore s = store();
                ScopeWriter w = s.open(KV, WriteMode.UPSERT)) {
            w.flush();
        }
        try (BundleStore s = store()) {
            ScopeRecord r = s.manifest().orElseThrow().scope(KV.id()).orElseThrow();
            assertEquals(0, r.count());
            assertEquals(List.of(), r.parts());
            assertEquals(List.of(), readAll(s, KV));
        }
    }

    @Test
    void anUnfinishedBundleCannotBeRead() throws IOException {
        BundleStore crashed = store();
        write(crashed, KV, numbered(KV, 0, 4)); // flushed, never committed
        try (BundleStore reader = store()) {
            assertFailed("has no manifest.json: the export that wrote it did not finish", () -> reader.scopes());
        }
        try (BundleStore resumed = store()) {
            resumed.open(KV, WriteMode.UPSERT).close(); // the resumed export finds nothing left to write
        }
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 4), readAll(reader, KV));
        }
    }

    @Test
    void aCrashLeavesOnlyTempFilesThatReadersIgnore() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 4));
        }
        BundleStore crashed = new BundleStore(dir(), BundleTesting.parts(1000));
        ScopeWriter w = crashed.open(KV, WriteMode.UPSERT);
        for (Entry e : numbered(KV, 10, 20)) {
            w.put(e); // never flushed: the part is still a .tmp
        }
        assertTrue(anyFileEndsWith(".ndjson.gz.tmp"));
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 4), readAll(reader, KV));
        }
        try (BundleStore next = store()) {
            next.open(KV, WriteMode.UPSERT).close(); // the next writer cleans up
        }
        assertTrue(!anyFileEndsWith(".tmp"));
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 4), readAll(reader, KV));
        }
    }

    @Test
    void strayFilesAreNotDataAndTheNextWriterRemovesThem() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 4));
        }
        Path scope = scopeDir(dir(), KV);
        Files.write(scope.resolve("part-00099.ndjson.gz.tmp"), new byte[] {1, 2, 3});
        BundleTesting.writeLines(
                scope.resolve("part-00042.ndjson.gz"), List.of("{\"key\":\"zzz\",\"value\":\"stray\"}"));
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 4), readAll(reader, KV));
        }
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 4, 6));
        }
        assertTrue(Files.notExists(scope.resolve("part-00099.ndjson.gz.tmp")));
        assertTrue(Files.notExists(scope.resolve("part-00042.ndjson.gz")));
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 6), readAll(reader, KV));
        }
    }

    /** The exporter resumes from a checkpoint older than its last flush: sealed parts past it are re-cut. */
    @Test
    void resumingBeforeSealedPartsLeavesNoDuplicatesAndNoOrphans() throws IOException {
        List<Entry> entries = numbered(KV, 0, 12);
        BundleStore crashed = store();
        ScopeWriter w = crashed.open(KV, WriteMode.UPSERT);
        for (int i = 0; i < 10; i++) {
            w.put(entries.get(i));
            if (i == 2 || i == 8) {
                w.flush();
            }
        }
        // journaled checkpoint: after key-0004, in the middle of the second sealed part
        BundleStore resumed = store();
        try (ScopeWriter r = resumed.open(KV, WriteMode.UPSERT)) {
            for (Entry e : entries.subList(5, 12)) {
                r.put(e);
            }
            r.flush();
        }
        resumed.close();
        try (BundleStore reader = store()) {
            assertEquals(entries, readAll(reader, KV));
            Set<String> live = reader.manifest().orElseThrow().scope(KV.id()).orElseThrow().parts().stream()
                    .map(PartRecord::file)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(live, partFiles());
        }
    }

    @Test
    void aPendingFileLeftByAFinishedCommitIsRecognised() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 5));
        }
        // As if the process died right after renaming manifest.json: pending.json of generation 1 is still there.
        ScopeRecord committed = store().manifest().orElseThrow().scope(KV.id()).orElseThrow();
        Files.write(
                scopeDir(dir(), KV).resolve("pending.json"),
                ManifestJson.writePending(new ManifestJson.Pending(committed, Key.of("key-0004"))));
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 5, 7));
        }
        try (BundleStore reader = store()) {
            assertEquals(numbered(KV, 0, 7), readAll(reader, KV));
            assertEquals(
                    2,
                    reader.manifest().orElseThrow().scope(KV.id()).orElseThrow().generation());
        }
    }

    @Test
    void readingNeverChangesTheBundle() throws IOException {
        try (BundleStore s = store()) {
            write(s, KV, numbered(KV, 0, 5));
        }
        BundleStore unfinished = store();
        write(unfinished, KV, numbered(KV, 5, 8)); // a pending generation, never committed
        var before = tree(dir());
        try (BundleStore reader = store()) {
            readAll(reader, KV);
            reader.scopes().close();
        }
        assertEquals(before, tree(dir()));
    }

    @Test
    void anotherAccountsBundleIsRefused() throws IOException {
        try (BundleStore s = new BundleStore(
                dir(), BundleOptions.builder().accountId("account-a").build())) {
            write(s, KV, numbered(KV, 0, 1));
        }
        try (BundleStore s = new BundleStore(
                dir(), BundleOptions.builder().accountId("account-b").build())) {
            LandfallException e = assertThrows(LandfallException.class, () -> s.open(KV, WriteMode.UPSERT));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("account-a"), e.getMessage());
        }
        try (BundleStore s = new BundleStore(dir(), BundleOptions.builder().build())) {
            write(s, KV, numbered(KV, 1, 2)); // no account given: the bundle keeps its own
        }
        assertEquals("account-a", store().manifest().orElseThrow().accountId());
    }

    @Test
    void theProviderOpensBundles() throws IOException {
        BundleStoreProvider provider = new BundleStoreProvider();
        assertEquals("bundle", provider.scheme());
        try (var s = provider.open(StoreUri.parse("bundle:" + dir()))) {
            write(s, KV, numbered(KV, 0, 2));
        }
        try (var s = provider.open(StoreUri.parse("bundle:" + dir()))) {
            assertEquals(numbered(KV, 0, 2), readAll(s, KV));
        }
        assertEquals(
                ErrorKind.USAGE,
                assertThrows(LandfallException.class, () -> provider.open(StoreUri.parse("bundle:")))
                        .kind());
        Path file = Files.writeString(tempDir.resolve("a-file"), "x");
        assertEquals(
                ErrorKind.USAGE,
                assertThrows(LandfallException.class, () -> provider.open(StoreUri.parse("bundle:" + file)))
                        .kind());
    }

    /**
     * Rewrites a committed scope in every mode, crashes after two flushes, and resumes from every
     * point the journal could hold; the result must equal applying the operations once to a
     * {@link MemoryStore}.
     */
    @Test
    void resumingInEveryModeFromEveryJournaledPointMatchesTheModel() throws IOException {
        List<Entry> base = numbered(KV, 0, 20);
        Path committed = tempDir.resolve("base");
        try (BundleStore s = new BundleStore(committed, BundleTesting.parts(3))) {
            write(s, KV, base);
        }
        for (WriteMode mode : WriteMode.values()) {
            Random random = new Random(mode.ordinal() + 1);
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < 26; i++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                boolean delete = mode == WriteMode.MIRROR && random.nextInt(3) == 0;
                Key key = Key.of(String.format("key-%04d", i));
                ops.add(new Op(
                        key,
                        delete
                                ? null
                                : new Entry(
                                        KV,
                                        key,
                                        ("v" + mode + "-" + i).getBytes(StandardCharsets.UTF_8),
                                        i % 2 == 0 ? "{\"mode\":\"" + mode + "\"}" : null,
                                        null)));
            }
            int flush1 = ops.size() / 3;
            int flush2 = 2 * ops.size() / 3;
            MemoryStore model = new MemoryStore();
            write(model, KV, base);
            apply(model, mode, ops, 0);

            for (int journaled = 0; journaled <= flush2; journaled++) {
                Path dir = copy(committed, tempDir.resolve(mode + "-" + journaled));
                BundleStore crashed = new BundleStore(dir, BundleTesting.parts(3));
                ScopeWriter w = crashed.open(KV, mode);
                for (int i = 0; i < ops.size(); i++) {
                    op(w, ops.get(i));
                    if (i + 1 == flush1 || i + 1 == flush2) {
                        w.flush();
                    }
                }
                try (BundleStore resumed = new BundleStore(dir, BundleTesting.parts(3))) {
                    apply(resumed, mode, ops, journaled);
                }
                try (BundleStore reader = new BundleStore(dir, BundleTesting.parts(3))) {
                    assertEquals(readAll(model, KV), readAll(reader, KV), mode + " resumed from " + journaled);
                }
            }
        }
    }

    private static void apply(Store store, WriteMode mode, List<Op> ops, int from) throws IOException {
        try (ScopeWriter w = store.open(KV, mode)) {
            for (Op op : ops.subList(from, ops.size())) {
                op(w, op);
            }
            w.flush();
        }
    }

    private static void op(ScopeWriter w, Op op) throws IOException {
        if (op.put() == null) {
            w.delete(op.key());
        } else {
            w.put(op.put());
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }

    /** A put, or a delete when {@code put} is null. */
    private record Op(Key key, Entry put) {}

    private Set<String> partFiles() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".ndjson.gz"))
                    .forEach(p -> out.add(dir().relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    private boolean anyFileEndsWith(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir())) {
            return files.anyMatch(p -> p.toString().endsWith(suffix));
        }
    }
}
