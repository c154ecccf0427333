package dev.landfall.serve;

import dev.landfall.core.spi.InProcessReads;

/**
 * Whether a get that misses the cache may read the store on the thread that took the request
 * (serve's selector) instead of being handed to the pool, a hand-off that costs more than a read of
 * an embedded database: only when the store reads in this process ({@link InProcessReads}) and its
 * reads have stayed quick. Every store read's time is kept as a moving average (a weight of 1/8 for
 * the newest); while the average is over {@link #QUICK_NANOS} (the disk answering, a wait for a
 * busy connection), reads go to the pool, so that slow reads do not hold up every other
 * connection's answers, and they come back once the pool's reads are quick again.
 *
 * <p>Thread-safe: two reads that finish at once may lose one of their samples, which an average
 * can spare.
 */
final class QuickReads {
    /**
     * The longest an average read may take and still run on the selector: about ten reads of a page
     * SQLite finds in memory, and less than one read the disk answers on cloud block storage.
     */
    static final long QUICK_NANOS = 100_000;

    private final boolean inProcess;
    private volatile long averageNanos;

    /** @param inProcess whether the store answers reads inside this process */
    QuickReads(boolean inProcess) {
        this.inProcess = inProcess;
    }

    /** Whether a read may run on a thread that must not wait long. */
    boolean allowed() {
        return inProcess && averageNanos <= QUICK_NANOS;
    }

    /** Records how long one store read took, on whichever thread it ran. */
    void took(long nanos) {
        long average = averageNanos;
        averageNanos = average + (Math.max(0, nanos) - average) / 8;
    }
}
