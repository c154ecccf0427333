package dev.landfall.verify.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.verify.latency.PairedSample.EndpointSample;
import dev.landfall.verify.latency.PairedSample.Parity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingSampleSinkTest {
    private static PairedSample sample(long i) {
        EndpointSample side = new EndpointSample(200, 1_000_000L + i, "");
        return new PairedSample(i, Instant.EPOCH.plusMillis(i), side, side, Parity.MATCH);
    }

    /** Keeps every batch; can be made to wait or fail. */
    private static final class Store implements SampleBatchWriter {
        final List<List<PairedSample>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile int failures;
        volatile boolean closed;

        @Override
        public void write(List<PairedSample> batch) throws Exception {
            entered.countDown();
            gate.await();
            if (failures > 0) {
                failures--;
                throw new IOException("server said no");
            }
            batches.add(new ArrayList<>(batch));
        }

        @Override
        public void close() {
            closed = true;
        }

        long stored() {
            return batches.stream().mapToLong(List::size).sum();
        }
    }

    @Test
    void everySampleIsWrittenOnceInBatchesOfAtMostTheBatchSize() {
        Store store = new Store();
        BatchingSampleSink sink = new BatchingSampleSink(store, 10_000, 1000, Duration.ofMillis(200));
        for (int i = 0; i < 5000; i++) {
            sink.accept(sample(i));
        }
        BatchingSampleSink.Counts c = sink.close(Duration.ofSeconds(30));
        assertEquals(5000, c.written());
        assertEquals(0, c.lost());
        assertEquals("", c.error());
        assertEquals(5000, store.stored());
        assertTrue(store.batches.stream().allMatch(b -> b.size() <= 1000), "a batch above the batch size");
        assertEquals(
                5000,
                store.batches.stream()
                        .flatMap(List::stream)
                        .mapToLong(PairedSample::index)
                        .distinct()
                        .count());
        assertTrue(store.closed);
    }

    @Test
    void aStoreThatFallsBehindNeverBlocksTheCallerAndTheOverflowIsCounted() throws Exception {
        Store store = new Store();
        store.gate = new CountDownLatch(1);
        BatchingSampleSink sink = new BatchingSampleSink(store, 100, 10, Duration.ofMillis(10));
        sink.accept(sample(0));
        assertTrue(store.entered.await(30, TimeUnit.SECONDS));
        // The writer thread is stuck in the store: the queue fills, and accept returns anyway.
        for (int i = 1; i <= 1000; i++) {
            sink.accept(sample(i));
        }
        store.gate.countDown();
        BatchingSampleSink.Counts c = sink.close(Duration.ofSeconds(30));
        assertEquals(1001, c.written() + c.lost());
        assertEquals(store.stored(), c.written());
        assertEquals(1 + 100, c.written(), "the first sample and a full queue");
        assertEquals(900, c.lost());
        assertEquals("", c.error());
    }

    @Test
    void aFailedWriteIsCountedWithItsReasonAndLaterBatchesAreStillTried() throws Exception {
        Store store = new Store();
        store.failures = 1;
        store.gate = new CountDownLatch(1);
        // Batches go out only when full (or at the end), so the first one is exactly 5 samples.
        BatchingSampleSink sink = new BatchingSampleSink(store, 1000, 5, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            sink.accept(sample(i));
        }
        assertTrue(store.entered.await(30, TimeUnit.SECONDS));
        for (int i = 5; i < 12; i++) {
            sink.accept(sample(i));
        }
        store.gate.countDown();
        BatchingSampleSink.Counts c = sink.close(Duration.ofSeconds(30));
        assertEquals(7, c.written());
        assertEquals(5, c.lost());
        assertEquals("server said no", c.error());
    }

    @Test
    void samplesStillUnwrittenWhenTheWaitEndsAreLost() throws Exception {
        Store store = new Store();
        store.gate = new CountDownLatch(1);
        BatchingSampleSink sink = new BatchingSampleSink(store, 1000, 5, Duration.ofMillis(10));
        for (int i = 0; i < 20; i++) {
            sink.accept(sample(i));
        }
        assertTrue(store.entered.await(30, TimeUnit.SECONDS));
        BatchingSampleSink.Counts c = sink.close(Duration.ofMillis(50));
        assertEquals(0, c.written());
        assertEquals(20, c.lost());
        assertTrue(c.error().contains("still busy"), c.error());
        sink.accept(sample(99));
        store.gate.countDown();
    }
}
