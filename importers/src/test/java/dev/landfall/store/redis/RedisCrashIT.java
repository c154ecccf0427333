package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.StoreUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a writing process with SIGKILL at random points (most of its time is spent flushing). With
 * one writer every batch is either entirely in the store or entirely absent. With four, a batch is
 * four transactions, so the batch in flight may be partly in; every batch reported flushed is
 * whole, and writing the batch in flight again (as a resumed import does) completes it.
 */
class RedisCrashIT {
    private static final int ROUNDS = 5;

    private final Set<String> prefixes = new HashSet<>();

    @AfterEach
    void dropKeys() {
        try (RedisAdmin admin = RedisAdmin.connect()) {
            prefixes.forEach(admin::drop);
        }
    }

    @Test
    void aWriterKilledMidFlushLeavesWholeBatchesOnly() throws Exception {
        Random random = new Random(20240501);
        for (int round = 0; round < ROUNDS; round++) {
            String prefix = RedisAdmin.prefixFor("crash-" + round + "-" + System.nanoTime());
            prefixes.add(prefix);
            String url = RedisAdmin.url(prefix) + "&writers=1";
            long printed = runAndKill(url, 2 + round, random);
            checkWholeBatches(url, printed);
        }
    }

    @Test
    void parallelWritersKilledMidFlushAreCompletedByWritingTheBatchInFlightAgain() throws Exception {
        Random random = new Random(20261207);
        for (int round = 0; round < 3; round++) {
            String prefix = RedisAdmin.prefixFor("crash-par-" + round + "-" + System.nanoTime());
            prefixes.add(prefix);
            String url = RedisAdmin.url(prefix) + "&writers=4";
            long printed = runAndKill(url, 2 + round, random);
            long inFlight = printed + 1;
            Process again = child(url, Long.toString(inFlight), Long.toString(inFlight));
            assertTrue(again.waitFor(60, TimeUnit.SECONDS), "the rerun of generation " + inFlight + " did not end");
            assertEquals(0, again.exitValue());
            checkWholeBatches(url, inFlight);
        }
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                RedisCrashWriter.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Starts the child, waits for {@code flushes} flushes, kills it somewhere in a later one. */
    private static long runAndKill(String url, int flushes, Random random) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RedisCrashWriter.class.getName(),
                        url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        AtomicLong last = new AtomicLong();
        AtomicLong started = new AtomicLong(System.nanoTime());
        AtomicLong batchNanos = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("flushed ")) {
                        long now = System.nanoTime();
                        batchNanos.set(now - started.getAndSet(now));
                        last.set(Long.parseLong(line.substring("flushed ".length())));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (last.get() < flushes) {
                assertTrue(child.isAlive() || last.get() >= flushes, "the writer died on its own");
                assertTrue(System.nanoTime() < deadline, "the writer made no progress");
                Thread.sleep(5);
            }
            // Somewhere within the next batch or two: most of a batch's time is its flush.
            Thread.sleep(
                    Math.max(1, (long) (random.nextDouble() * 1.5 * TimeUnit.NANOSECONDS.toMillis(batchNanos.get()))));
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        return last.get();
    }

    private static void checkWholeBatches(String url, long printed) throws IOException {
        Map<Long, Integer> fresh = new HashMap<>();
        Set<String> sharedValues = new HashSet<>();
        Set<String> sharedMetadata = new HashSet<>();
        int shared = 0;
        try (RedisStore store = RedisStore.open(RedisStoreUri.parse(StoreUri.parse(url)), Clock.systemUTC());
                Cursor<Entry> c = store.entries(RedisCrashWriter.KV, Checkpoint.START)) {
            while (c.next()) {
                Entry e = c.current();
                String key = e.key().text();
                String value = new String(e.value(), StandardCharsets.US_ASCII);
                String generation = value.substring(0, value.indexOf(':'));
                if (key.startsWith("s-")) {
                    shared++;
                    sharedValues.add(generation);
                    sharedMetadata.add(e.metadataJson());
                } else {
                    long g = Long.parseLong(key.substring(2, 8));
                    assertEquals(String.valueOf(g), generation, key);
                    fresh.merge(g, 1, Integer::sum);
                }
            }
        }
        assertEquals(RedisCrashWriter.SHARED, shared, "shared keys");
        assertEquals(1, sharedValues.size(), "shared keys of more than one generation: " + sharedValues);
        long committed = Long.parseLong(sharedValues.iterator().next());
        assertEquals(Set.of("{\"gen\":" + committed + "}"), sharedMetadata);
        assertTrue(
                committed == printed || committed == printed + 1,
                "committed generation " + committed + " after " + printed + " reported flushes");
        for (long g = 1; g <= committed; g++) {
            assertEquals(RedisCrashWriter.FRESH, fresh.getOrDefault(g, 0), "new keys of generation " + g);
        }
        assertEquals(committed, fresh.size(), "generations with new keys: " + fresh.keySet());
    }
}
