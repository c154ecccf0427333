package dev.landfall.verify.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link SampleSink} that never slows the run: {@link #accept} only offers the sample to a
 * bounded queue (a full queue drops it, counted), and one writer thread drains the queue into large
 * batches for a {@link SampleBatchWriter}. A batch goes out when it is full or {@code maxDelay}
 * after the previous one, so a slow store sees few large writes. When the store fails or falls
 * behind, the run goes on and the samples lost are counted; {@link #close} says how many.
 */
public final class BatchingSampleSink implements SampleSink {
    private final SampleBatchWriter writer;
    private final BlockingQueue<PairedSample> queue;
    private final int batchSize;
    private final long maxDelayNanos;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final LongAdder lost = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>("");
    private volatile boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param capacity samples the queue holds before dropping
     * @param batchSize most samples per write
     * @param maxDelay longest wait before a partial batch goes out
     */
    public BatchingSampleSink(SampleBatchWriter writer, int capacity, int batchSize, Duration maxDelay) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batchSize must be positive");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.thread = new Thread(this::drain, "landfall-samples");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(PairedSample sample) {
        if (closing || !queue.offer(sample)) {
            lost.increment();
        }
    }

    /**
     * Writes what is queued, waiting at most {@code wait} for the store, then closes the writer.
     * Samples still unwritten after the wait are counted as lost.
     *
     * @return pairs written and lost, and the first error
     */
    public Counts close(Duration wait) {
        closing = true;
        try {
            thread.join(Math.max(1, wait.toMillis()));
            if (thread.isAlive()) {
                firstError.compareAndSet("", "the store was still busy " + wait.toSeconds() + " s after the run");
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        // Whatever the writer thread left behind never reached the store.
        lost.add(queue.size());
        queue.clear();
        writer.close();
        return new Counts(written.get(), lost.sum(), firstError.get());
    }

    /**
     * @param written pairs stored
     * @param lost pairs not stored
     * @param error the first reason a write failed; empty when none did
     */
    public record Counts(long written, long lost, String error) {}

    private void drain() {
        List<PairedSample> batch = new ArrayList<>(Math.min(batchSize, 1 << 16));
        long lastWrite = System.nanoTime();
        // Short polls, so the end of a run is noticed at once whatever maxDelay is.
        long pollNanos = Math.max(1_000_000L, Math.min(50_000_000L, maxDelayNanos / 4));
        try {
            while (true) {
                PairedSample s = queue.poll(pollNanos, TimeUnit.NANOSECONDS);
                if (s != null) {
                    batch.add(s);
                    queue.drainTo(batch, batchSize - batch.size());
                }
                boolean last = closing && queue.isEmpty();
                if (!batch.isEmpty()
                        && (batch.size() >= batchSize || last || System.nanoTime() - lastWrite >= maxDelayNanos)) {
                    write(batch);
                    lastWrite = System.nanoTime();
                }
                if (last && batch.isEmpty()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            lost.add(batch.size());
        }
    }

    private void write(List<PairedSample> batch) throws InterruptedException {
        try {
            writer.write(batch);
            written.addAndGet(batch.size());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            lost.add(batch.size());
            firstError.compareAndSet("", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        batch.clear();
    }
}
