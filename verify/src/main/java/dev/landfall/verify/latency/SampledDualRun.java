package dev.landfall.verify.latency;

import dev.landfall.verify.latency.corpus.RequestCorpus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One dual run whose measured pairs may also be stored (such as in ClickHouse), as
 * {@code verify latency --samples} runs it: storing never slows the load, and every pair that is
 * not stored is counted in the result's {@link SamplesWritten}.
 *
 * <p>{@link #run} blocks on the calling thread; {@link #cancel()} may be called from any thread
 * (a Ctrl-C handler) and makes {@code run} return what was measured, marked stopped. One run per
 * instance.
 */
public final class SampledDualRun {
    // Samples queued for the store before the run drops (and counts) them: about 30 MB at most,
    // several seconds of the highest rates, enough to ride out a slow INSERT.
    private static final int QUEUE = 200_000;
    // Pairs per write (two rows each): ClickHouse wants few large inserts.
    private static final int BATCH = 50_000;
    private static final Duration MAX_DELAY = Duration.ofSeconds(1);
    // How long the end of a run waits for the last writes.
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final DualRunConfig config;
    private final Clock clock;
    private volatile DualRun current;
    private volatile boolean cancelled;

    /**
     * Where the samples go and how their rows are labelled.
     *
     * @param writer stores batches; closed at the end of the run
     * @param destination the store for the report and the rows' labels
     */
    public record Samples(SampleBatchWriter writer, SampleDestination destination) {
        public Samples {
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(destination, "destination");
        }
    }

    public SampledDualRun(DualRunConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the dual run, storing its samples when {@code samples} is given.
     *
     * @param corpus the requests; read from the calling thread and not closed
     * @param samples where measured pairs go, if anywhere
     * @param listener progress, as for {@link DualRun}
     * @return the result, with {@link DualRunResult#withSamples} filled in when samples were stored
     * @throws IOException when the corpus cannot be read
     */
    public DualRunResult run(RequestCorpus corpus, Optional<Samples> samples, DualRunListener listener)
            throws IOException {
        Objects.requireNonNull(samples, "samples");
        BatchingSampleSink sink = samples.map(s -> new BatchingSampleSink(s.writer(), QUEUE, BATCH, MAX_DELAY))
                .orElse(null);
        DualRun run = null;
        DualRunResult measured;
        SamplesWritten written = null;
        try {
            run = new DualRun(config, corpus, sink == null ? SampleSink.NONE : sink, listener, clock);
            current = run;
            if (cancelled) {
                run.cancel();
            }
            measured = run.run();
        } finally {
            if (sink != null) {
                written = written(samples.get(), sink.close(DRAIN), run);
            }
        }
        return written == null ? measured : measured.withSamples(written);
    }

    /** Asks a running {@link #run} to stop sending and return what it measured. Idempotent. */
    public void cancel() {
        cancelled = true;
        DualRun run = current;
        if (run != null) {
            run.cancel();
        }
    }

    private static SamplesWritten written(Samples s, BatchingSampleSink.Counts c, DualRun run) {
        return new SamplesWritten(
                s.destination(), c.written(), c.lost() + (run == null ? 0 : run.sinkFailures()), c.error());
    }
}
