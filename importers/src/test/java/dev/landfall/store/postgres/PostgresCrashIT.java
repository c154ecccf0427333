package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL, at the start of a flush and between flushes. With one
 * writer every batch is in the table whole or not at all, every batch it reported flushed is in,
 * and the keys all batches update hold one batch's value. With four writers a batch is four
 * transactions, so only the batch being flushed may be partly in, and running it again (as a
 * resumed import does with the batch after its last journaled one) completes it.
 */
class PostgresCrashIT {
    private static final String SCHEMA = PostgresTestServer.unique("lf_crash_");
    private static final String PARALLEL_SCHEMA = PostgresTestServer.unique("lf_crash_par_");

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesEachBatchWholeOrAbsent() throws Exception {
        String url = PostgresTestServer.url(SCHEMA) + "&writers=1";
        PostgresTestServer.open(url).close();
        int next = 0;
        Set<Integer> reported = new HashSet<>();
        // Killed as a flush starts (COPY in flight), after a few flushes, and between flushes.
        for (String killOn : List.of("flushing 2", "flushed 1", "flushing 3", "flushing 1")) {
            String[] parts = killOn.split(" ");
            int target = next + Integer.parseInt(parts[1]);
            String line = parts[0] + " " + target;
            int last = runAndKill(url, next, line, reported);
            assertBatchesWholeOrAbsent(reported);
            next = last + 1;
        }
    }

    @Test
    void killedParallelWritersLeaveOnlyTheBatchInFlightPartlyInAndRunningItAgainCompletesIt() throws Exception {
        String url = PostgresTestServer.url(PARALLEL_SCHEMA) + "&writers=4";
        PostgresTestServer.open(url).close();
        int next = 0;
        Set<Integer> reported = new HashSet<>();
        for (int flushes : List.of(2, 3, 1)) {
            int last = runAndKill(url, PARALLEL_SCHEMA, next, "flushing " + (next + flushes), reported);
            Map<Integer, Long> counts = batchCounts(PARALLEL_SCHEMA);
            counts.forEach((batch, count) -> {
                if (batch != last) {
                    assertEquals((long) PostgresCrashChild.OWN, count, "batch " + batch + " is partly in: " + counts);
                }
            });
            assertTrue(counts.keySet().containsAll(reported), "flushed batches " + reported + " but found " + counts);
            next = last; // the batch not reported flushed is written again, as a resumed import does
        }
        int resumed = next;
        runAndKill(url, PARALLEL_SCHEMA, resumed, "flushed " + resumed, reported, Integer.toString(resumed));
        Map<Integer, Long> counts = batchCounts(PARALLEL_SCHEMA);
        for (int b = 0; b <= resumed; b++) {
            assertEquals(PostgresCrashChild.OWN, counts.getOrDefault(b, 0L), "batch " + b + ": " + counts);
        }
        assertEquals(Set.of("gen " + resumed), generations(PARALLEL_SCHEMA), "the shared keys hold the last value");
    }

    private int runAndKill(String url, String schema, int first, String killLine, Set<Integer> reported, String... stop)
            throws IOException, InterruptedException {
        assertTrue(url.contains("schema=" + schema), url);
        return runAndKill(url, first, killLine, reported, stop);
    }

    /**
     * Runs the child from batch {@code first} (to batch {@code stop}, if given) until it prints
     * {@code killLine}; returns the last batch begun.
     */
    private int runAndKill(String url, int first, String killLine, Set<Integer> reported, String... stop)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                PostgresCrashChild.class.getName(),
                Integer.toString(first),
                stop.length == 0 ? "-1" : stop[0]);
        pb.environment().put("LANDFALL_CRASH_URL", url);
        pb.redirectError(log.toFile());
        Process child = pb.start();
        int last = first;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                int batch = Integer.parseInt(parts[1]);
                last = Math.max(last, batch);
                if (parts[0].equals("flushed")) {
                    reported.add(batch);
                }
                if (line.equals(killLine)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no rollback
                    break;
                }
            }
            assertNotNull(line, "the child ended before '" + killLine + "': " + Files.readString(log));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        return last;
    }

    private static void assertBatchesWholeOrAbsent(Set<Integer> reported) throws SQLException {
        Map<Integer, Long> counts = batchCounts(SCHEMA);
        Set<String> generations = generations(SCHEMA);
        counts.forEach((batch, count) ->
                assertEquals((long) PostgresCrashChild.OWN, count, "batch " + batch + " is partly applied: " + counts));
        assertTrue(counts.keySet().containsAll(reported), "flushed batches " + reported + " but found " + counts);
        int newest = counts.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(Set.of("gen " + newest), generations, "the shared keys hold one batch's value");
    }

    /** Rows per batch of the child's own keys. */
    private static Map<Integer, Long> batchCounts(String schema) throws SQLException {
        Map<Integer, Long> counts = new TreeMap<>();
        try (Connection c = PostgresTestServer.connect();
                PreparedStatement ps = c.prepareStatement("SELECT substr(key, 2, 5)::int, count(*) FROM " + schema
                        + ".landfall_kv WHERE namespace_id = ? AND key LIKE 'b%' GROUP BY 1")) {
            ps.setString(1, PostgresCrashChild.KV.namespaceId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The distinct values of the shared keys. */
    private static Set<String> generations(String schema) throws SQLException {
        Set<String> generations = new HashSet<>();
        try (Connection c = PostgresTestServer.connect();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT convert_from(value, 'UTF8') FROM " + schema
                        + ".landfall_kv WHERE namespace_id = ? AND key LIKE 'shared-%'")) {
            ps.setString(1, PostgresCrashChild.KV.namespaceId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    generations.add(rs.getString(1));
                }
            }
        }
        return generations;
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        PostgresTestServer.dropSchemas(List.of(SCHEMA, PARALLEL_SCHEMA));
    }
}
