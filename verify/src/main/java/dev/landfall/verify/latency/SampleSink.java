package dev.landfall.verify.latency;

/**
 * Receives one record per measured request pair, as soon as both answers are in (warm-up pairs
 * are not passed). For storing raw samples (e.g. in ClickHouse) beside the run's summary.
 *
 * <p>Called concurrently from the run's sender threads, in completion order (not index order):
 * implementations must be thread-safe and must not block for long, since a slow sink delays the
 * next request on that connection. An exception thrown here stops nothing; it is counted and the
 * sample is dropped. The run does not close the sink: its owner does, after {@link DualRun#run()}
 * returns.
 */
@FunctionalInterface
public interface SampleSink {
    /** Accepts nothing. */
    SampleSink NONE = sample -> {};

    void accept(PairedSample sample);
}
