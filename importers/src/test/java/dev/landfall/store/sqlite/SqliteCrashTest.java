package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a flush leaves every batch wholly in or wholly
 * out, and loses none it reported flushed: a child JVM ({@link SqliteCrashWriter}) writes batches
 * until it is killed right after it starts flushing one, five times over the same file.
 */
class SqliteCrashTest {
    private static final int KILLS = 5;
    /**
     * The longest the child may go without a line of progress: a JVM start or one batch of 4 MB.
     * A deadline per step, not for the whole test: on a loaded machine the whole takes minutes, a
     * step never takes this long unless the child hangs.
     */
    private static final long STEP_SECONDS = 180;
    /** What {@link #linesOf} queues when the child's output ends. */
    private static final String END = "\0end";

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesEachBatchWholeOrAbsent() throws Exception {
        Path db = dir.resolve("crash.db");
        long firstBatch = 0;
        Set<Long> killedIn = new HashSet<>();
        for (int kill = 0; kill < KILLS; kill++) {
            // Let the child flush a few batches, then kill it as it starts the next.
            long killAt = firstBatch + 2 + kill;
            Process child = start(db, firstBatch);
            long reported = runUntilFlushing(child, killAt);
            child.destroyForcibly();
            assertTrue(child.waitFor(STEP_SECONDS, TimeUnit.SECONDS), "the killed child exits");
            assertEquals(killAt - 1, reported, "the child reported every batch before the one killed");
            killedIn.add(killAt);

            Map<Long, Integer> counts = countPerBatch(db);
            for (long b = 0; b <= killAt; b++) {
                int count = counts.getOrDefault(b, 0);
                if (killedIn.contains(b)) {
                    assertTrue(
                            count == 0 || count == SqliteCrashWriter.KEYS_PER_BATCH,
                            "batch " + b + ", being flushed when killed, is whole or absent, not " + count + " keys");
                } else {
                    assertEquals(SqliteCrashWriter.KEYS_PER_BATCH, count, "flushed batch " + b);
                }
            }
            assertEquals(
                    List.of(),
                    counts.keySet().stream().filter(b -> b > killAt).toList(),
                    "nothing after the killed batch");
            firstBatch = killAt + 1;
        }
        // After the kills the file is sound and takes writes.
        try (var c = SqliteSchemaTest.connect(db)) {
            assertEquals("ok", SqliteSchemaTest.scalar(c, "PRAGMA integrity_check"));
        }
        try (Store store = open(db);
                ScopeWriter w = store.open(SqliteCrashWriter.KV, WriteMode.UPSERT)) {
            w.put(new Entry(
                    SqliteCrashWriter.KV,
                    Key.of(SqliteCrashWriter.key(firstBatch, 0)),
                    new byte[] {(byte) ('a' + firstBatch % 26)},
                    null,
                    null));
            w.flush();
        }
        assertEquals(1, countPerBatch(db).get(firstBatch));
    }

    private static Process start(Path db, long firstBatch) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SqliteCrashWriter.class.getName(),
                db.toString(),
                Long.toString(firstBatch));
        pb.redirectError(db.resolveSibling("child-" + firstBatch + ".err").toFile());
        return pb.start();
    }

    /** Reads the child's progress until it starts flushing batch {@code killAt}; returns the last batch it flushed. */
    private long runUntilFlushing(Process child, long killAt) throws IOException, InterruptedException {
        BlockingQueue<String> lines = linesOf(child);
        long flushed = -1;
        while (true) {
            String line = lines.poll(STEP_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                child.destroyForcibly();
                fail((line == null ? "the child printed nothing for " + STEP_SECONDS + " s" : "the child stopped")
                        + " before batch " + killAt + " (last flushed " + flushed + "): " + childErrors());
            }
            if (line.equals("flushing " + killAt)) {
                return flushed;
            }
            if (line.startsWith("flushed ")) {
                flushed = Long.parseLong(line.substring("flushed ".length()));
            }
        }
    }

    /** The child's stdout, line by line, then {@link #END}: read on a thread so the test can wait with a deadline. */
    private static BlockingQueue<String> linesOf(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // The child was killed: its output ends here, as at a normal end.
                    } finally {
                        lines.add(END);
                    }
                },
                "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private String childErrors() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".err")).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    private static Map<Long, Integer> countPerBatch(Path db) throws IOException {
        Map<Long, Integer> counts = new TreeMap<>();
        try (Store store = open(db);
                Cursor<Entry> c = store.entries(SqliteCrashWriter.KV, Checkpoint.START)) {
            while (c.next()) {
                Entry e = c.current();
                long batch = SqliteCrashWriter.batchOf(e.key().text());
                assertEquals('a' + batch % 26, e.value()[0], "value of " + e.key());
                counts.merge(batch, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Store open(Path db) {
        return new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + db));
    }
}
