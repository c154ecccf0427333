package dev.landfall.verify.latency;

import java.util.List;

/**
 * Stores batches of samples somewhere (such as ClickHouse) for a {@link BatchingSampleSink}. Called
 * from the sink's one writer thread only, so it need not be thread-safe.
 */
public interface SampleBatchWriter extends AutoCloseable {
    /**
     * Stores a batch; returns when it is stored.
     *
     * @throws Exception when the batch could not be stored; it is then counted as lost, and the
     *     next batch is tried anyway (the store may be back)
     */
    void write(List<PairedSample> batch) throws Exception;

    /** Releases the store's resources. */
    @Override
    void close();
}
