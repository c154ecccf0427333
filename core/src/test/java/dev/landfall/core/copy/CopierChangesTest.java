package dev.landfall.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopierChangesTest {
    private static final KvNamespace A = new KvNamespace("aaaa", "A");
    private static final KvNamespace B = new KvNamespace("bbbb", "B");
    private final FakeClock clock = new FakeClock();

    @Test
    void writesOnlyWhatChangedAndCountsEveryKind() throws IOException {
        MemoryStore source = new MemoryStore();
        put(source, A, entry(A, "a", "1"), entry(A, "b", "2"), entry(A, "c", "3"));
        MemoryStore target = new MemoryStore();
        put(target, A, entry(A, "b", "2"), entry(A, "c", "old"), entry(A, "d", "4"));
        CountingStore counting = new CountingStore(target);

        CopyTotals upsert = importer(source, counting, WriteMode.UPSERT).copyAll();
        assertEquals(new ChangeCounts(1, 1, 0, 1, 0, 1, 0, 2), upsert.counts());
        assertEquals(2, counting.puts, "unchanged keys are not written");
        assertEquals(keys("a", "b", "c", "d"), keysOf(target, A));

        CopyTotals again = importer(source, counting, WriteMode.UPSERT).copyAll();
        assertEquals(new ChangeCounts(0, 0, 0, 3, 0, 1, 0, 0), again.counts());
        assertEquals(2, counting.puts, "a second run writes nothing");

        CopyTotals mirror = importer(source, target, WriteMode.MIRROR).copyAll();
        assertEquals(1, mirror.counts().deleted());
        assertEquals(read(source, A), read(target, A));
    }

    @Test
    void createOnlyLeavesExistingKeys() throws IOException {
        MemoryStore source = new MemoryStore();
        put(source, A, entry(A, "a", "new"), entry(A, "b", "2"));
        MemoryStore target = new MemoryStore();
        put(target, A, entry(A, "a", "old"));
        CopyTotals t = importer(source, target, WriteMode.CREATE_ONLY).copyAll();
        assertEquals(1, t.counts().created());
        assertEquals(1, t.counts().kept());
        assertEquals("old", new String(read(target, A).get(0).value(), StandardCharsets.UTF_8));
    }

    @Test
    void expiredSourceKeysAreSkippedAndCounted() throws IOException {
        long now = clock.epochSecond();
        MemoryStore source = new MemoryStore();
        put(
                source,
                A,
                new Entry(A, Key.of("gone"), bytes("x"), null, now - 1),
                new Entry(A, Key.of("kept"), bytes("y"), null, now + 60));
        MemoryStore target = new MemoryStore();
        CopyTotals t = importer(source, target, WriteMode.UPSERT).copyAll();
        assertEquals(1, t.counts().expiredSkipped());
        assertEquals(keys("kept"), keysOf(target, A));
    }

    @Test
    void selectsScopes() throws IOException {
        MemoryStore source = new MemoryStore();
        put(source, A, entry(A, "a", "1"));
        put(source, B, entry(B, "b", "2"));
        MemoryStore target = new MemoryStore();
        CopyTotals t = importer(source, target, WriteMode.UPSERT)
                .onlyScopes(s -> s.equals(B))
                .copyAll();
        assertEquals(1, t.scopes());
        assertEquals(List.of(), keysOf(target, A));
        assertEquals(keys("b"), keysOf(target, B));
    }

    /** A crash anywhere, then a resumed run with the journal, converges to the uninterrupted result. */
    @Test
    void aCrashAtAnyKeyThenResumeConverges(@TempDir Path dir) throws IOException {
        MemoryStore source = new MemoryStore();
        MemoryStore initial = new MemoryStore();
        List<Entry> src = new ArrayList<>();
        List<Entry> old = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 5 != 0) {
                src.add(entry(A, String.format("k%04d", i), "v" + i));
            }
            if (i % 3 == 0) {
                old.add(entry(A, String.format("k%04d", i), i % 2 == 0 ? "v" + i : "stale"));
            }
        }
        put(source, A, src.toArray(Entry[]::new));
        MemoryStore reference = new MemoryStore();
        put(initial, A, old.toArray(Entry[]::new));
        put(reference, A, old.toArray(Entry[]::new));
        importer(source, reference, WriteMode.MIRROR).copyAll();
        assertEquals(read(source, A), read(reference, A));

        for (int crashAt : new int[] {0, 1, 24, 25, 26, 100, 239}) {
            MemoryStore target = new MemoryStore();
            put(target, A, old.toArray(Entry[]::new));
            Path journalFile = dir.resolve("journal-" + crashAt);
            RunJournal journal = RunJournal.open(journalFile, clock);
            assertThrows(
                    IOException.class,
                    () -> new Copier(
                                    new CrashingSource(source, crashAt),
                                    target,
                                    WriteStrategy.changesAgainst(target),
                                    WriteMode.MIRROR,
                                    new CommitPolicy(25, 1 << 20),
                                    clock,
                                    CopyListener.NONE)
                            .withJournal(journal)
                            .copyAll());
            journal.close();
            try (RunJournal resumed = RunJournal.open(journalFile, clock)) {
                CopyTotals t = new Copier(
                                source,
                                target,
                                WriteStrategy.changesAgainst(target),
                                WriteMode.MIRROR,
                                new CommitPolicy(25, 1 << 20),
                                clock,
                                CopyListener.NONE)
                        .withJournal(resumed)
                        .copyAll();
                assertEquals(1, t.scopes());
                assertTrue(resumed.isDone(A));
            }
            assertEquals(read(reference, A), read(target, A), "crash at " + crashAt);
        }
    }

    private Copier importer(Source source, Store target, WriteMode mode) {
        return new Copier(
                source,
                target,
                WriteStrategy.changesAgainst(target),
                mode,
                CommitPolicy.DEFAULT,
                clock,
                CopyListener.NONE);
    }

    private static Entry entry(Scope scope, String key, String value) {
        return new Entry(scope, Key.of(key), bytes(value), null, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(String... keys) {
        return List.of(keys);
    }

    private static void put(Store store, Scope scope, Entry... entries) throws IOException {
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            for (Entry e : entries) {
                w.put(e);
            }
            w.flush();
        }
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

    private static List<String> keysOf(Source source, Scope scope) throws IOException {
        return read(source, scope).stream().map(e -> e.key().text()).toList();
    }

    /** Counts the puts that reach the store. */
    private static final class CountingStore implements Store {
        private final Store delegate;
        int puts;

        CountingStore(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public Cursor<Scope> scopes() throws IOException {
            return delegate.scopes();
        }

        @Override
        public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
            return delegate.entries(scope, after);
        }

        @Override
        public ScopeWriter open(Scope scope, WriteMode mode) throws IOException {
            ScopeWriter w = delegate.open(scope, mode);
            return new ScopeWriter() {
                @Override
                public void put(Entry entry) throws IOException {
                    puts++;
                    w.put(entry);
                }

                @Override
                public void delete(Key key) throws IOException {
                    w.delete(key);
                }

                @Override
                public void flush() throws IOException {
                    w.flush();
                }

                @Override
                public void close() throws IOException {
                    w.close();
                }
            };
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
