package dev.landfall.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
    private static final KvNamespace A = new KvNamespace("aaaa", "A");
    private static final KvNamespace B = new KvNamespace("bbbb", "B");
    private final FakeClock clock = new FakeClock();

    @Test
    void checkpointsAndDoneMarksSurviveReopening(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.ndjson");
        Checkpoint cp = new Checkpoint(
                Key.ofBytes(new byte[] {(byte) 0xff, 0, 'a'}), Map.of("listCursor", "c1", "page", 3L, "more", true));
        try (RunJournal j = RunJournal.open(file, clock)) {
            assertTrue(j.isEmpty());
            j.append(A, Checkpoint.after(Key.of("first")));
            j.append(A, cp);
            j.append(B, Checkpoint.after(Key.of("b")));
            j.markDone(B, 1);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (RunJournal j = RunJournal.open(file, clock)) {
            assertFalse(j.isEmpty());
            assertEquals(cp, j.lastCheckpoint(A));
            assertFalse(j.isDone(A));
            assertTrue(j.isDone(B));
            assertEquals(Checkpoint.START, j.lastCheckpoint(new KvNamespace("cccc", "C")));
        }
    }

    @Test
    void appendsFromManyThreadsAtOnceAreEachWholeAndSurviveReopening(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.ndjson");
        int threads = 8;
        int scopesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RunJournal j = RunJournal.open(file, clock)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < scopesEach; i++) {
                        KvNamespace ns = new KvNamespace("ns-" + thread + "-" + i, "N");
                        j.append(ns, Checkpoint.after(Key.of("k" + i)));
                        j.markDone(ns, i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * scopesEach * 2, lines.size());
        try (RunJournal j = RunJournal.open(file, clock)) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < scopesEach; i++) {
                    KvNamespace ns = new KvNamespace("ns-" + t + "-" + i, "N");
                    assertTrue(j.isDone(ns), ns.id());
                    assertEquals(Checkpoint.after(Key.of("k" + i)), j.lastCheckpoint(ns));
                }
            }
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOff(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.ndjson");
        try (RunJournal j = RunJournal.open(file, clock)) {
            j.append(A, Checkpoint.after(Key.of("k1")));
        }
        Files.writeString(file, "{\"scope\":\"kv:aaaa\",\"checkp", StandardOpenOption.APPEND);
        try (RunJournal j = RunJournal.open(file, clock)) {
            assertEquals(Checkpoint.after(Key.of("k1")), j.lastCheckpoint(A));
            j.append(A, Checkpoint.after(Key.of("k2")));
        }
        try (RunJournal j = RunJournal.open(file, clock)) {
            assertEquals(Checkpoint.after(Key.of("k2")), j.lastCheckpoint(A));
        }
        assertEquals(2, Files.readAllLines(file, StandardCharsets.UTF_8).size());
    }

    @Test
    void aDamagedCompleteLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.ndjson");
        Files.writeString(file, "{\"scope\":\"kv:aaaa\",\"done\":true}\nnot json\n");
        LandfallException e = assertThrows(LandfallException.class, () -> RunJournal.open(file, clock));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.getMessage().contains(file + " line 2"), e.getMessage());
    }

    @Test
    void startIsNotJournaled(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.ndjson");
        try (RunJournal j = RunJournal.open(file, clock)) {
            j.append(A, Checkpoint.START);
            assertTrue(j.isEmpty());
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void aRefusedValueIsWrittenWithTheNextCheckpointAndSurvivesReopening(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.ndjson");
        DurableObject room = new DurableObject("ns1", "obj1");
        RefusedValue cycle = new RefusedValue(room, "x:\ud800\u001b", "cycle", Optional.of("$.a"), "a cycle");
        try (RunJournal j = RunJournal.open(file, clock)) {
            j.refuse(cycle);
            assertEquals(List.of(cycle), j.refused(), "listed at once");
            assertEquals(0, Files.size(file), "but written only with the checkpoint past it");
            j.refuse(cycle);
            j.append(room, Checkpoint.after(Key.of("y")));
            j.refuse(new RefusedValue(A, "k", "function", Optional.empty(), "a function"));
            j.markDone(A, 3);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"refused\"") && lines.get(1).contains("\"checkpoint\""), lines.get(0));
        try (RunJournal j = RunJournal.open(file, clock)) {
            assertFalse(j.isEmpty());
            assertEquals(Checkpoint.after(Key.of("y")), j.lastCheckpoint(room), "a refusal is no checkpoint");
            assertEquals(
                    List.of(cycle, new RefusedValue(A, "k", "function", Optional.empty(), "a function")),
                    j.refused(),
                    "each once, in the order met, key and scope exact");
            j.refuse(cycle);
            j.markDone(room, 1);
        }
        assertEquals(5, Files.readAllLines(file).size(), "a value met again on resume is not written twice");
    }
}
