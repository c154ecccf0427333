package dev.landfall.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopierTest {
    private static final KvNamespace A = new KvNamespace("aaaa", "A");
    private static final KvNamespace B = new KvNamespace("bbbb", "B");
    private final FakeClock clock = new FakeClock();

    @Test
    void copiesEveryScopeInBatchesAndJournalsEachBatchTheLastByTheDoneMark(@TempDir Path dir) throws IOException {
        MemoryStore source = seeded(2500, 30);
        MemoryStore target = new MemoryStore();
        try (RunJournal journal = RunJournal.open(dir.resolve("j"), clock)) {
            CopyTotals totals = copier(source, target, journal, new CommitPolicy(1000, Long.MAX_VALUE))
                    .copyAll();
            assertEquals(2, totals.scopes());
            assertEquals(2530, totals.counts().created());
            assertTrue(journal.isDone(A) && journal.isDone(B));
            // The last batch (keys 2000..2499) is journaled by A's done mark, not by a checkpoint.
            assertEquals(Checkpoint.after(Key.of(key(1999))), journal.lastCheckpoint(A));
        }
        assertEquals(
                4,
                Files.readAllLines(dir.resolve("j")).size(),
                "A: two checkpoints and done; B (one batch): done alone");
        assertEquals(read(source, A), read(target, A));
        assertEquals(read(source, B), read(target, B));
    }

    @Test
    void aRunStoppedAtAScopesLastBatchJournalsThatBatch(@TempDir Path dir) throws IOException {
        MemoryStore source = seeded(30, 0);
        try (RunJournal journal = RunJournal.open(dir.resolve("j"), clock)) {
            Copier copier = copier(source, new MemoryStore(), journal, CommitPolicy.DEFAULT)
                    .stopWhen(() -> true);
            assertThrows(RunStopped.class, () -> copier.copy(A));
            assertFalse(journal.isDone(A));
            assertEquals(Checkpoint.after(Key.of(key(29))), journal.lastCheckpoint(A));
        }
    }

    @Test
    void expiredEntriesAreSkippedAndCounted(@TempDir Path dir) throws IOException {
        MemoryStore source = new MemoryStore();
        long now = clock.epochSecond();
        try (ScopeWriter w = source.open(A, WriteMode.UPSERT)) {
            w.put(new Entry(A, Key.of("a"), bytes("1"), null, now - 1));
            w.put(new Entry(A, Key.of("b"), bytes("2"), null, now + 3600));
            w.put(new Entry(A, Key.of("c"), bytes("3"), null, null));
            w.flush();
        }
        MemoryStore target = new MemoryStore();
        try (RunJournal journal = RunJournal.open(dir.resolve("j"), clock)) {
            ScopeCopyResult r =
                    copier(source, target, journal, CommitPolicy.DEFAULT).copy(A);
            assertEquals(2, r.counts().created());
            assertEquals(1, r.counts().expiredSkipped());
        }
        assertEquals(
                List.of("b", "c"),
                read(target, A).stream().map(e -> e.key().text()).toList());
    }

    @Test
    void aCrashAtAnyEntryThenResumeGivesTheSameBundle(@TempDir Path dir) throws IOException {
        MemoryStore source = seeded(230, 17);
        Path reference = dir.resolve("reference");
        try (BundleStore bundle = new BundleStore(reference, BundleOptions.defaults());
                RunJournal journal = RunJournal.open(reference.resolve("journal.ndjson"), clock)) {
            copier(source, bundle, journal, new CommitPolicy(40, Long.MAX_VALUE))
                    .copyAll();
        }
        List<Entry> expectedA = read(BundleStore.open(reference), A);
        List<Entry> expectedB = read(BundleStore.open(reference), B);
        for (int crashAt : new int[] {0, 1, 39, 40, 41, 199, 229, 230, 231, 246}) {
            Path out = dir.resolve("crash-" + crashAt);
            Path journalFile = out.resolve("journal.ndjson");
            BundleStore first = new BundleStore(out, BundleOptions.defaults());
            RunJournal journal = RunJournal.open(journalFile, clock);
            IOException crash = assertThrows(
                    IOException.class,
                    () -> copier(new CrashingSource(source, crashAt), first, journal, new CommitPolicy(40, 1 << 20))
                            .copyAll());
            assertEquals("crash", crash.getMessage());
            // A crash leaves no chance to close anything cleanly.
            journal.close();
            try (BundleStore again = new BundleStore(out, BundleOptions.defaults());
                    RunJournal resumed = RunJournal.open(journalFile, clock)) {
                copier(source, again, resumed, new CommitPolicy(40, 1 << 20)).copyAll();
            }
            assertEquals(expectedA, read(BundleStore.open(out), A), "crash at " + crashAt);
            assertEquals(expectedB, read(BundleStore.open(out), B), "crash at " + crashAt);
        }
    }

    @Test
    void aFailedFlushIsNeverJournaled(@TempDir Path dir) throws IOException {
        MemoryStore source = seeded(100, 0);
        Sink failing = new Sink() {
            @Override
            public ScopeWriter open(Scope scope, WriteMode mode) {
                return new ScopeWriter() {
                    @Override
                    public void put(Entry entry) {}

                    @Override
                    public void delete(Key key) {}

                    @Override
                    public void flush() throws IOException {
                        throw new IOException("disk full");
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public void close() {}
        };
        try (RunJournal journal = RunJournal.open(dir.resolve("j"), clock)) {
            assertThrows(
                    IOException.class,
                    () -> copier(source, failing, journal, new CommitPolicy(10, 1 << 20))
                            .copyAll());
            assertTrue(journal.isEmpty(), "a checkpoint must not be journaled before its data is durable");
        }
    }

    private Copier copier(Source source, Sink sink, RunJournal journal, CommitPolicy policy) {
        return new Copier(source, sink, WriteStrategy.allEntries(), WriteMode.UPSERT, policy, clock, CopyListener.NONE)
                .withJournal(journal);
    }

    private static MemoryStore seeded(int inA, int inB) throws IOException {
        MemoryStore store = new MemoryStore();
        fill(store, A, inA);
        fill(store, B, inB);
        return store;
    }

    private static void fill(Store store, Scope scope, int count) throws IOException {
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            for (int i = 0; i < count; i++) {
                w.put(new Entry(
                        scope, Key.of(key(i)), bytes("value " + i), i % 3 == 0 ? "{\"i\":" + i + "}" : null, null));
            }
            w.flush();
        }
    }

    private static String key(int i) {
        return String.format("key:%05d", i);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Entry> read(Source source, Scope scope) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }
}
