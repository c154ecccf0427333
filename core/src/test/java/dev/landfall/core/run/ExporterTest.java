package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
    private static final KvNamespace A = new KvNamespace("a1", "SESSIONS");
    private static final KvNamespace B = new KvNamespace("b2", "FLAGS");
    private static final String REFUSED_KEY = "k00700 " + MeteredSource.REFUSED + "cycle";
    private final FakeClock clock = new FakeClock();

    @TempDir
    Path dir;

    @Test
    void exportsEveryScopeAndReportsWhatTheSourceSaw() throws IOException {
        ExportResult r = exporter(dir.resolve("b"), false, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(2, r.totals().scopes());
        assertEquals(2500 + 30, r.totals().counts().created());
        assertEquals(2, r.namespaces().size());
        assertEquals(1, r.namespaces().get(0).expiry().vanished(), "the source's expiry counts reach the result");
        assertEquals("acct0001", r.accountId().orElseThrow());
        assertTrue(r.api().requests() >= 3, "one scope list and one read per scope: " + r.api());
        assertEquals(List.of(A.id() + " " + REFUSED_KEY), refused(r), "the refused value is listed, not exported");
        assertTrue(Files.readString(dir.resolve("b/manifest.json")).contains("acct0001"));
    }

    @Test
    void aBundleHoldingAnExportNeedsResumeOrForce() throws IOException {
        Path b = dir.resolve("b");
        exporter(b, false, false).export(account(), CopyListener.NONE, () -> false);
        LandfallException again = assertThrows(
                LandfallException.class,
                () -> exporter(b, false, false).export(account(), CopyListener.NONE, () -> false));
        assertEquals(ErrorKind.USAGE, again.kind());
        assertTrue(again.hint().orElseThrow().contains("--resume"), again.hint().orElseThrow());

        ExportResult resumed = exporter(b, true, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(0, resumed.totals().scopes(), "every scope was finished");
        assertEquals(2, resumed.totals().skippedScopes());

        ExportResult forced = exporter(b, false, true).export(account(), CopyListener.NONE, () -> false);
        assertEquals(2, forced.totals().scopes(), "--force starts over");
    }

    @Test
    void forceKeepsTheEarlierExportWhenTheSourceCannotAnswer() throws IOException {
        Path b = dir.resolve("b");
        exporter(b, false, false).export(account(), CopyListener.NONE, () -> false);
        String manifest = Files.readString(b.resolve("manifest.json"));
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> exporter(b, false, true).export(failing(0), CopyListener.NONE, () -> false));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(manifest, Files.readString(b.resolve("manifest.json")), "the earlier export is intact");
        assertTrue(new ExportBundle(b).holdsExport());
        ExportResult resumed = exporter(b, true, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(2, resumed.totals().skippedScopes(), "and still resumable as it was");
    }

    @Test
    void theBundleAndEverythingInItIsOwnerOnly() throws IOException {
        Path b = dir.resolve("new/b");
        exporter(b, false, false).export(account(), CopyListener.NONE, () -> false);
        OwnerOnlyFiles.assertTree(dir.resolve("new"));
        assertTrue(Files.exists(b.resolve("export-journal.ndjson")));
    }

    @Test
    void anExportThatJournaledNoBatchLeavesNothingBehind() throws IOException {
        Path created = dir.resolve("new/deeper/b");
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        for (Path b : List.of(created, mine)) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> exporter(b, false, false).export(failing(0), CopyListener.NONE, () -> false));
            assertEquals(ErrorKind.TRANSIENT, e.kind());
        }
        assertFalse(Files.exists(dir.resolve("new")), "every directory the export created is removed");
        assertEquals(List.of(mine.resolve("notes.txt")), Files.list(mine).toList(), "the operator's files stay");

        ExportResult again = exporter(created, false, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(2, again.totals().scopes(), "the rerun is a new export, not refused as an earlier one");
    }

    @Test
    void anExportThatJournaledABatchIsKeptForResume() throws IOException {
        Path b = dir.resolve("b");
        assertThrows(
                LandfallException.class,
                () -> exporter(b, false, false).export(failing(1500), CopyListener.NONE, () -> false));
        assertTrue(Files.size(b.resolve("export-journal.ndjson")) > 0);
        assertTrue(new ExportBundle(b).holdsExport(), "a rerun must say --resume or --force");
        ExportResult rest = exporter(b, true, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(1500 + 30, rest.totals().counts().created(), "the first batch of 1,000 was kept");
    }

    @Test
    void aJournalThatRecordsNothingIsNotAnEarlierExport() throws IOException {
        Path b = Files.createDirectories(dir.resolve("killed"));
        Files.createFile(b.resolve(ExportBundle.JOURNAL));
        assertFalse(new ExportBundle(b).holdsExport());
        Files.writeString(b.resolve(ExportBundle.JOURNAL), "{}\n");
        assertTrue(new ExportBundle(b).holdsExport());
    }

    @Test
    void resumeAndForceContradictEachOther() {
        LandfallException e = assertThrows(
                LandfallException.class, () -> new ExportOptions(new ExportBundle(dir), true, true, "test"));
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void aStoppedExportResumesWhereItStopped() throws IOException {
        Path b = dir.resolve("b");
        AtomicInteger batches = new AtomicInteger();
        assertThrows(
                RunStopped.class,
                () -> exporter(b, false, false)
                        .export(account(), CopyListener.NONE, () -> batches.incrementAndGet() == 2));
        ExportResult rest = exporter(b, true, false).export(account(), CopyListener.NONE, () -> false);
        assertTrue(rest.namespaces().get(0).result().resumed());
        assertEquals(500 + 30, rest.totals().counts().created(), "two batches of 1,000 were journaled before the stop");
        assertEquals(
                List.of(A.id() + " " + REFUSED_KEY),
                refused(rest),
                "a value refused in a batch before the stop is reported though the resume never reads it again");
        assertFalse(Files.exists(b.resolve("scopes").resolve("missing")));
    }

    @Test
    void aResumeThatSkipsEveryScopeStillReportsWhatWasRefused() throws IOException {
        Path b = dir.resolve("b");
        exporter(b, false, false).export(account(), CopyListener.NONE, () -> false);
        ExportResult again = exporter(b, true, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(2, again.totals().skippedScopes());
        assertEquals(List.of(A.id() + " " + REFUSED_KEY), refused(again));
        assertEquals("cycle", again.refused().get(0).reason());
        assertEquals("$.a", again.refused().get(0).path().orElseThrow());
    }

    @Test
    void aScopeFinishedBeforeACrashIsKeptThoughOnlyTheEndWritesTheManifest() throws IOException {
        Path b = dir.resolve("b");
        Path crashed = dir.resolve("crashed");
        AtomicInteger started = new AtomicInteger();
        CopyListener crashAtTheSecondScope = new CopyListener() {
            @Override
            public void scopeStarted(Scope scope, boolean resumed) {
                if (started.incrementAndGet() == 2) {
                    assertFalse(
                            Files.exists(b.resolve("manifest.json")), "a finished scope does not rewrite the manifest");
                    copyTree(b, crashed); // what SIGKILL would leave: every file as it is on disk now
                }
            }
        };
        exporter(b, false, false).export(account(), crashAtTheSecondScope, () -> false);
        assertTrue(Files.exists(crashed), "the copy was taken");

        ExportResult resumed = exporter(crashed, true, false).export(account(), CopyListener.NONE, () -> false);
        assertEquals(1, resumed.totals().skippedScopes(), "the scope finished before the crash is not read again");
        assertEquals(1, resumed.totals().scopes());
        assertEquals(digests(b), digests(crashed), "nothing lost, nothing twice");
    }

    private static void copyTree(Path from, Path to) {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.Map<String, String> digests(Path bundle) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                Scope s = scopes.current();
                out.put(s.id(), store.digest(s).orElseThrow().toJson());
            }
        }
        return out;
    }

    private static List<String> refused(ExportResult r) {
        return r.refused().stream().map(v -> v.scope().id() + " " + v.key()).toList();
    }

    @Test
    void anExportOfNoScopeIsAnEmptyBundleNotAMissingOne() throws IOException {
        Path b = dir.resolve("empty");
        ExportResult r = exporter(b, false, false)
                .export(new MeteredSource(new MemoryStore("nothing")), CopyListener.NONE, () -> false);
        assertEquals(0, r.totals().scopes());
        assertTrue(Files.isRegularFile(b.resolve("manifest.json")), "the manifest is written even for no scope");
        try (var source = dev.landfall.core.spi.SourceRegistry.open(
                        "--from",
                        dev.landfall.core.spi.StoreUri.parse("bundle:" + b),
                        dev.landfall.core.spi.SourceEnv.local(clock));
                var scopes = source.scopes()) {
            assertFalse(scopes.next(), "it reads as empty");
        }
    }

    private Exporter exporter(Path bundle, boolean resume, boolean force) {
        return new Exporter(new ExportOptions(new ExportBundle(bundle), resume, force, "test"), clock);
    }

    /** The account, failing (as the API going down would) after {@code entries} entries of the first scope. */
    private static Source failing(int entries) throws IOException {
        MeteredSource account = account();
        return new Source() {
            @Override
            public String describe() {
                return "failing";
            }

            @Override
            public Cursor<Scope> scopes() throws IOException {
                if (entries == 0) {
                    throw LandfallException.transientFailure("the API is down", null, null);
                }
                return account.scopes();
            }

            @Override
            public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
                Cursor<Entry> inner = account.entries(scope, after);
                return new Cursor<>() {
                    private int read;

                    @Override
                    public boolean next() throws IOException {
                        if (++read > entries) {
                            throw LandfallException.transientFailure("the API went down", null, null);
                        }
                        return inner.next();
                    }

                    @Override
                    public Entry current() {
                        return inner.current();
                    }

                    @Override
                    public Checkpoint checkpoint() {
                        return inner.checkpoint();
                    }

                    @Override
                    public void close() throws IOException {
                        inner.close();
                    }
                };
            }

            @Override
            public void close() {}
        };
    }

    private static MeteredSource account() throws IOException {
        MemoryStore store = new MemoryStore("exporter-test");
        fill(store, A, 2500);
        fill(store, B, 30);
        try (ScopeWriter w = store.open(A, WriteMode.UPSERT)) {
            // Inside the first batch of 1,000 entries.
            w.put(new Entry(A, Key.of(REFUSED_KEY), new byte[] {1}, null, null));
            w.flush();
        }
        return new MeteredSource(store);
    }

    private static void fill(MemoryStore store, KvNamespace ns, int n) throws IOException {
        try (ScopeWriter w = store.open(ns, WriteMode.UPSERT)) {
            for (int i = 0; i < n; i++) {
                w.put(new Entry(
                        ns, Key.of(String.format("k%05d", i)), ("v" + i).getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
    }
}
