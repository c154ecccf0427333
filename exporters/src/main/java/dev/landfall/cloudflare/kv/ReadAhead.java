package dev.landfall.cloudflare.kv;

/**
 * How far a {@link KvEntryCursor} reads ahead of its consumer: at most {@code maxBatches} batches
 * handed to the value readers and not yet consumed, and no new batch while the values read and
 * not yet consumed hold {@code maxBytes} or more. One batch may always be outstanding, so a
 * batch larger than {@code maxBytes} still goes.
 *
 * <p>The point is to keep requests flowing while the consumer is slow (a multi-MiB value being
 * written) or one batch is slow (a big bulk get): under a sliding-log budget, every gap in the
 * first window's sends repeats in every later window.
 *
 * <p>Thread-safe: the list thread calls {@link #acquire}, value readers {@link #fetched}, the
 * consumer {@link #consumed}.
 */
final class ReadAhead {
    private final int maxBatches;
    private final long maxBytes;
    private int outstanding;
    private long heldBytes;

    ReadAhead(int maxBatches, long maxBytes) {
        if (maxBatches < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "maxBatches and maxBytes must be positive: " + maxBatches + ", " + maxBytes);
        }
        this.maxBatches = maxBatches;
        this.maxBytes = maxBytes;
    }

    /**
     * Waits until one more batch may be handed out and counts it as outstanding.
     *
     * @throws InterruptedException if interrupted while waiting; nothing is counted then
     */
    synchronized void acquire() throws InterruptedException {
        while (outstanding >= maxBatches || (outstanding > 0 && heldBytes >= maxBytes)) {
            wait();
        }
        outstanding++;
    }

    /** An outstanding batch has been read and holds {@code bytes} until consumed. */
    synchronized void fetched(long bytes) {
        heldBytes += bytes;
    }

    /** The consumer is done with an outstanding batch that was {@link #fetched} with {@code bytes}. */
    synchronized void consumed(long bytes) {
        outstanding = Math.max(0, outstanding - 1);
        heldBytes = Math.max(0, heldBytes - bytes);
        notifyAll();
    }

    // visible for testing
    synchronized int outstanding() {
        return outstanding;
    }

    // visible for testing
    synchronized long heldBytes() {
        return heldBytes;
    }
}
