package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.checkpoint.FollowJournal;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.MemoryChangeLog;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowerTest {
    private static final KvNamespace NS = new KvNamespace("ns1", "SESSIONS");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    private static final FollowOptions DRAIN = new FollowOptions(Duration.ZERO, 1000, Duration.ofMillis(1), true);

    @TempDir
    Path dir;

    private FollowJournal begin(MemoryChangeLog log, long window) throws IOException {
        Map<Integer, String> epochs = new TreeMap<>();
        for (int i = 0; i < log.shards; i++) {
            epochs.put(i, log.read(i, 0, 1).state().epoch());
        }
        Path file = dir.resolve("follow-journal.ndjson");
        FollowJournal.begin(file, new FollowJournal.Start(log.shards, window, "account", log.now), epochs, CLOCK);
        return FollowJournal.open(file, CLOCK);
    }

    private static Map<Key, Entry> contents(MemoryStore store) throws IOException {
        Map<Key, Entry> out = new TreeMap<>();
        try (Cursor<Entry> c = store.entries(NS, Checkpoint.START)) {
            while (c.next()) {
                out.put(c.current().key(), c.current());
            }
        }
        return out;
    }

    @Test
    void aChangedObjectIsMirroredWholeNewChangedAndGoneKeysAlikeAndOtherScopesAreUntouched() throws IOException {
        DurableObject room = new DurableObject("ns-rooms", "a".repeat(64));
        MemoryChangeLog log = new MemoryChangeLog(room, "do:Room", 2);
        MemoryStore store = new MemoryStore();
        try (ScopeWriter w = store.open(room, WriteMode.UPSERT)) {
            for (String k : List.of("kept", "changed", "gone")) {
                w.put(new Entry(room, Key.of(k), "old".getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
        try (ScopeWriter w = store.open(NS, WriteMode.UPSERT)) {
            w.put(new Entry(NS, Key.of("other"), "x".getBytes(StandardCharsets.UTF_8), null, null));
            w.flush();
        }
        log.source.put(
                Key.of("kept"), new Entry(room, Key.of("kept"), "old".getBytes(StandardCharsets.UTF_8), null, null));
        log.objectPut("changed", "new");
        log.objectPut("added", "1");
        log.objectDelete("gone");
        try (FollowJournal journal = begin(log, 0)) {
            FollowResult r =
                    new Follower(log, store, store, journal, DRAIN, CLOCK, FollowListener.NONE).follow(() -> false);
            assertEquals(1, r.applied(), "three writes of one object are one change");
        }
        Map<Key, Entry> held = new TreeMap<>();
        try (Cursor<Entry> c = store.entries(room, Checkpoint.START)) {
            while (c.next()) {
                held.put(c.current().key(), c.current());
            }
        }
        assertEquals(log.source, held);
        assertEquals(0, log.pending());
        assertEquals(1, contents(store).size(), "the KV scope is not touched");
    }

    @Test
    void anObjectChangeWithoutTheStoreAsASourceIsAProgrammingError() throws IOException {
        DurableObject room = new DurableObject("ns-rooms", "b".repeat(64));
        MemoryChangeLog log = new MemoryChangeLog(room, "do:Room", 1);
        log.objectPut("k", "v");
        try (FollowJournal journal = begin(log, 0)) {
            Follower follower = new Follower(log, new MemoryStore(), journal, DRAIN, CLOCK, FollowListener.NONE);
            assertThrows(IllegalStateException.class, () -> follower.follow(() -> false));
        }
    }

    @Test
    void putsOverwritesAndDeletesEndUpAsTheSourceHoldsThemAndTheLogIsTrimmed() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 4);
        MemoryStore store = new MemoryStore();
        log.put("a", "1", null);
        log.put("b", "2", 1_900_000_000L);
        log.put("a", "3", null);
        log.put("c", "4", null);
        log.delete("c");
        try (FollowJournal journal = begin(log, 0)) {
            FollowResult r = new Follower(log, store, journal, DRAIN, CLOCK, FollowListener.NONE).follow(() -> false);
            assertFalse(r.stopped());
            assertEquals(3, r.applied(), "a, b and c once each: the log keeps one change per key");
        }
        assertEquals(log.source, contents(store));
        assertEquals(1_900_000_000L, contents(store).get(Key.of("b")).expiration());
        assertEquals(0, log.pending(), "applied changes are trimmed");
    }

    @Test
    void aChangeIsAppliedOnlyOnceItsConsistencyWindowHasPassedByTheLogsClock() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 1);
        log.tick = 100;
        MemoryStore store = new MemoryStore();
        log.put("k", "v", null);
        List<Long> delays = new ArrayList<>();
        List<FollowProgress> rounds = new ArrayList<>();
        FollowListener listener = new FollowListener() {
            @Override
            public void applied(Change change, long delayMillis) {
                delays.add(delayMillis);
            }

            @Override
            public void round(FollowProgress progress) {
                rounds.add(progress);
            }
        };
        try (FollowJournal journal = begin(log, 1000)) {
            new Follower(log, store, journal, DRAIN.withWindow(Duration.ofMillis(1000)), CLOCK, listener)
                    .follow(() -> false);
        }
        assertEquals(1, delays.size());
        assertTrue(delays.get(0) >= 1000, "applied " + delays.get(0) + " ms after it was recorded");
        assertTrue(rounds.get(0).waiting() == 1 && rounds.get(0).passedNow() == 0, "first round waits: " + rounds);
        assertEquals(log.source, contents(store));
    }

    @Test
    void aDrainEndsOnceWhatWasRecordedBeforeItIsAppliedThoughWritesGoOn() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 2);
        log.tick = 50;
        MemoryStore store = new MemoryStore();
        for (int i = 0; i < 20; i++) {
            log.put("before-" + i, "v", null);
        }
        int[] n = {0};
        FollowListener writer = new FollowListener() {
            @Override
            public void round(FollowProgress progress) {
                log.put("during-" + n[0]++, "v", null); // the application keeps writing
            }
        };
        try (FollowJournal journal = begin(log, 100)) {
            FollowResult r = new Follower(log, store, journal, DRAIN.withWindow(Duration.ofMillis(100)), CLOCK, writer)
                    .follow(() -> false);
            assertFalse(r.stopped());
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(store.size(NS) >= 20 && contents(store).containsKey(Key.of("before-" + i)), "before-" + i);
        }
        assertTrue(n[0] < 200, "it ended, after " + n[0] + " rounds");
    }

    @Test
    void changesOfBindingsTheRunDoesNotCopyAreSkippedButPassed() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 1);
        log.inRun = false;
        MemoryStore store = new MemoryStore();
        log.put("x", "1", null);
        try (FollowJournal journal = begin(log, 0)) {
            FollowResult r = new Follower(log, store, journal, DRAIN, CLOCK, FollowListener.NONE).follow(() -> false);
            assertEquals(0, r.applied());
            assertEquals(1, journal.positions().get(0).seq());
        }
        assertEquals(0, store.size(NS));
    }

    /** A store whose flush fails once after {@code okFlushes} flushes: a crash at a batch boundary. */
    private static final class FailingStore implements Sink {
        final MemoryStore inner;
        int okFlushes;

        FailingStore(MemoryStore inner, int okFlushes) {
            this.inner = inner;
            this.okFlushes = okFlushes;
        }

        @Override
        public ScopeWriter open(dev.landfall.core.model.Scope scope, WriteMode mode) throws IOException {
            ScopeWriter w = inner.open(scope, mode);
            return new ScopeWriter() {
                public void put(Entry e) throws IOException {
                    w.put(e);
                }

                public void delete(Key k) throws IOException {
                    w.delete(k);
                }

                public void flush() throws IOException {
                    if (okFlushes-- <= 0) {
                        throw new IOException("store went away (test)");
                    }
                    w.flush();
                }

                public void close() throws IOException {
                    w.close();
                }
            };
        }

        @Override
        public void close() {}
    }

    @Test
    void aFollowerStoppedByFailuresAtRandomPointsAndResumedEndsEqualToTheSource() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 3);
        MemoryStore store = new MemoryStore();
        Random random = new Random(17);
        FollowOptions small = new FollowOptions(Duration.ZERO, 7, Duration.ofMillis(1), true);
        try (FollowJournal journal = begin(log, 0)) {
            journal.markLoaded();
        }
        int failures = 0;
        for (int step = 0; step < 40; step++) {
            for (int i = 0; i < 25; i++) {
                String key = "k" + random.nextInt(60);
                switch (random.nextInt(4)) {
                    case 0 -> log.delete(key);
                    case 1 -> log.put(key, "v" + step + "." + i, 1_900_000_000L + i);
                    default -> log.put(key, "v" + step + "." + i, null);
                }
            }
            try (FollowJournal journal = FollowJournal.open(dir.resolve("follow-journal.ndjson"), CLOCK)) {
                new Follower(
                                log,
                                new FailingStore(store, random.nextInt(3)),
                                journal,
                                small,
                                CLOCK,
                                FollowListener.NONE)
                        .follow(() -> false);
            } catch (IOException expected) {
                failures++;
            }
        }
        try (FollowJournal journal = FollowJournal.open(dir.resolve("follow-journal.ndjson"), CLOCK)) {
            new Follower(log, store, journal, DRAIN, CLOCK, FollowListener.NONE).follow(() -> false);
        }
        assertTrue(failures > 10, "failures injected: " + failures);
        assertEquals(log.source, contents(store));
    }

    @Test
    void aTrimThatFailsIsRetriedLaterAndLosesNothing() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 1);
        log.trimFailures = 1;
        MemoryStore store = new MemoryStore();
        log.put("a", "1", null);
        List<Integer> failed = new ArrayList<>();
        try (FollowJournal journal = begin(log, 0)) {
            new Follower(log, store, journal, DRAIN, CLOCK, new FollowListener() {
                        @Override
                        public void trimFailed(int shard, Exception cause) {
                            failed.add(shard);
                        }
                    })
                    .follow(() -> false);
            assertEquals(List.of(0), failed);
            assertEquals(1, log.pending(), "the change whose trim failed stays in the log");
            log.put("b", "2", null);
            new Follower(log, store, journal, DRAIN, CLOCK, FollowListener.NONE).follow(() -> false);
        }
        assertEquals(log.source, contents(store));
        assertEquals(0, log.pending(), "the next trim takes it too");
    }

    @Test
    void aShardRecreatedSinceTheRunBeganStopsTheFollowerNamingIt() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 2);
        try (FollowJournal journal = begin(log, 0)) {
            log.now += 5000;
            log.recreate(1);
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> new Follower(log, new MemoryStore(), journal, DRAIN, CLOCK, FollowListener.NONE)
                            .follow(() -> false));
            assertEquals(ErrorKind.FAILED, e.kind());
            assertTrue(
                    e.getMessage().contains("shard 1") && e.getMessage().contains("after this run began"),
                    e.getMessage());
        }
    }

    @Test
    void anOverflowedShardStopsTheFollowerWithWhatWasDropped() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 1);
        log.capacity = 2;
        try (FollowJournal journal = begin(log, 0)) {
            IntStream.range(0, 5).forEach(i -> log.put("k" + i, "v", null));
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> new Follower(log, new MemoryStore(), journal, DRAIN, CLOCK, FollowListener.NONE)
                            .follow(() -> false));
            assertEquals(ErrorKind.FAILED, e.kind());
            assertTrue(e.getMessage().contains("overflowed: 3 change(s)"), e.getMessage());
        }
    }

    @Test
    void aWriterWithAnotherShardCountIsAUsageError() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 2);
        try (FollowJournal journal = begin(log, 0)) {
            log.writerShards = 3;
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> new Follower(log, new MemoryStore(), journal, DRAIN, CLOCK, FollowListener.NONE)
                            .follow(() -> false));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(
                    e.hint().orElseThrow().contains("LANDFALL_CAPTURE_SHARDS=2"),
                    e.hint().orElseThrow());
        }
    }

    @Test
    void stopEndsAfterTheRoundWithEverythingItAppliedCommitted() throws IOException {
        MemoryChangeLog log = new MemoryChangeLog(NS, "SESSIONS", 1);
        MemoryStore store = new MemoryStore();
        log.put("a", "1", null);
        try (FollowJournal journal = begin(log, 0)) {
            FollowResult r = new Follower(log, store, journal, DRAIN.draining(false), CLOCK, FollowListener.NONE)
                    .follow(() -> true);
            assertTrue(r.stopped());
            assertEquals(1, journal.positions().get(0).seq());
        }
        try (FollowJournal reopened = FollowJournal.open(dir.resolve("follow-journal.ndjson"), CLOCK)) {
            assertEquals(1, reopened.positions().get(0).seq(), "the position is on disk");
        }
        assertEquals(log.source, contents(store));
    }
}
