package dev.landfall.verify.latency;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.PairedSample.EndpointSample;
import dev.landfall.verify.latency.PairedSample.Parity;
import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.load.HttpEndpoint;
import dev.landfall.verify.latency.load.LatencyRecorder;
import dev.landfall.verify.latency.load.OpenLoopScheduler;
import dev.landfall.verify.latency.load.Outcome;
import dev.landfall.verify.latency.load.PairSlot;
import dev.landfall.verify.latency.load.Senders;
import dev.landfall.verify.latency.parity.Answer;
import dev.landfall.verify.latency.parity.NoiseDetector;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.parity.ResponseComparer;
import dev.landfall.verify.latency.slo.SloInputs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A dual run: the same requests sent to a baseline and a candidate endpoint at a constant rate,
 * their latencies measured from each request's intended send time, their answers compared, and an
 * SLO judged. The library entry point of {@code landfall verify latency} and of the cutover's bake
 * steps: it prints nothing and never exits the process.
 *
 * <p>Phases: a noise phase sends the first {@code noiseSamples} requests to the baseline twice
 * (learning fields that differ by themselves) and each endpoint once (failing early, with a clear
 * error, when one does not answer); then the open-loop load with its warm-up; then the summary.
 *
 * <p>{@link #run()} blocks on the calling thread; {@link #cancel()} (from any thread) or an
 * interrupt stops the load early, and {@code run()} then returns what was measured, marked
 * stopped. One run per instance. The corpus is read from the calling thread and not closed.
 */
public final class DualRun {
    private final DualRunConfig config;
    private final RequestCorpus corpus;
    private final SampleSink sink;
    private final DualRunListener listener;
    private final Clock clock;
    private volatile boolean cancelled;
    private final LongAdder sinkFailures = new LongAdder();

    public DualRun(DualRunConfig config, RequestCorpus corpus, SampleSink sink, DualRunListener listener, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Asks a running {@link #run()} to stop sending and return what it measured. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    /** Samples the sink threw on (they were dropped). */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    /**
     * Runs the noise phase, the load and the summary.
     *
     * @throws LandfallException ({@code TRANSIENT}) when an endpoint gives no answer at all in the
     *     noise phase; ({@code FAILED}/{@code USAGE}) from the corpus
     * @throws IOException when the corpus cannot be read
     */
    public DualRunResult run() throws IOException {
        long timeoutNanos = config.timeout().toNanos();
        try (HttpEndpoint baseline = new HttpEndpoint(config.baseline(), config.timeout());
                HttpEndpoint candidate = new HttpEndpoint(config.candidate(), config.timeout())) {
            NoiseDetector noise = learnNoise(baseline, candidate);
            List<PathPattern> ignore = new ArrayList<>(config.ignore());
            ignore.addAll(noise.noise());
            listener.noiseLearned(noise.samples(), text(noise.noise()));
            var comparer = new ResponseComparer(ignore);
            // The warm-up's own set, discarded, with the sink that takes nothing (SampleSink.NONE
            // is what a run without a sample store gets, so the call site sees one type).
            PhaseRecords[] phases = {
                new PhaseRecords(new ParityTally(comparer, config.maxExamples()), SampleSink.NONE),
                new PhaseRecords(new ParityTally(comparer, config.maxExamples()), sink)
            };
            Load load = new Load(phases);
            Senders b = new Senders(
                    PairSlot.BASELINE, baseline, config.connections(), timeoutNanos, () -> cancelled, load::completed);
            Senders c = new Senders(
                    PairSlot.CANDIDATE,
                    candidate,
                    config.connections(),
                    timeoutNanos,
                    () -> cancelled,
                    load::completed);
            // Start the load with an empty heap: the garbage of start-up and of the noise phase
            // would otherwise fill the young generation early and its collection, a pause of
            // tens of ms on a busy machine, would land in the measured window. With the
            // launcher's fixed young generation for this command, the load's own garbage then
            // lasts most runs without a collection.
            System.gc();
            b.start();
            c.start();
            long warmupNanos = config.warmup().toNanos();
            // A short lead lets the sender threads start before the first request is due.
            long start = System.nanoTime() + 5_000_000L;
            load.startNanos = start;
            load.startedAt = clock.instant().plusNanos(5_000_000L);
            AtomicLong due = new AtomicLong();
            ScheduledExecutorService ticker = progressTicker(load, due, start, warmupNanos);
            boolean interrupted = false;
            try {
                new OpenLoopScheduler(corpus, config.schedule(), () -> cancelled).run(start, b, c, slot -> {
                    due.incrementAndGet();
                    LatencyRecorder[] r = phases[slot.phase()].recorders;
                    r[0].due();
                    r[1].due();
                });
                interrupted = Thread.interrupted();
                if (interrupted) {
                    cancelled = true;
                }
                b.finish();
                c.finish();
            } catch (InterruptedException e) {
                interrupted = true;
                cancelled = true;
            } finally {
                ticker.shutdownNow();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            long endNanos = System.nanoTime();
            return summarize(phases[PairSlot.MEASURED], noise, start + warmupNanos, endNanos, load.startedAt);
        }
    }

    private NoiseDetector learnNoise(HttpEndpoint baseline, HttpEndpoint candidate) throws IOException {
        NoiseDetector noise = new NoiseDetector();
        for (int i = 0; i < config.noiseSamples() && !cancelled; i++) {
            CorpusRequest r = corpus.next();
            Answer first = probe(baseline, r, "--baseline", config.baseline(), i == 0);
            Answer second = probe(baseline, r, "--baseline", config.baseline(), false);
            if (i == 0) {
                probe(candidate, r, "--candidate", config.candidate(), true);
            }
            if (first != null && second != null) {
                noise.learn(first, second);
            }
        }
        return noise;
    }

    /** One noise-phase request; the first to each endpoint must get an answer, later ones may fail. */
    private static Answer probe(
            HttpEndpoint endpoint, CorpusRequest r, String flag, java.net.URI url, boolean mustAnswer) {
        try {
            return endpoint.send(r);
        } catch (IOException e) {
            if (mustAnswer) {
                throw LandfallException.transientFailure(
                        flag + " " + DualRunConfig.masked(url) + " gave no answer to " + r.describe() + ": "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                        "check that the endpoint is up and the URL is right, then rerun",
                        e);
            }
            return null;
        }
    }

    private ScheduledExecutorService progressTicker(Load load, AtomicLong due, long start, long warmupNanos) {
        LatencyRecorder[] recorders = load.phases[PairSlot.MEASURED].recorders;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "landfall-progress");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0, 0, System.nanoTime()};
        ticker.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    long b = load.completed(PairSlot.BASELINE);
                    long c = load.completed(PairSlot.CANDIDATE);
                    double secs = Math.max(1e-9, (now - last[2]) / 1e9);
                    double bRps = (b - last[0]) / secs;
                    double cRps = (c - last[1]) / secs;
                    last[0] = b;
                    last[1] = c;
                    last[2] = now;
                    boolean warming = now - start < warmupNanos;
                    // Reading a recorder flips its writers' phase. The warm-up's recorders are read
                    // too (and thrown away), and each phase's lateness, so the senders' recording
                    // code has seen flips before the measured window and is not recompiled in it.
                    PhaseRecords current = load.phases[warming ? PairSlot.WARMUP : PairSlot.MEASURED];
                    current.lateness.total();
                    if (warming) {
                        current.recorders[0].total();
                        current.recorders[1].total();
                    }
                    listener.progress(new DualRunProgress(
                            Duration.ofNanos(Math.max(0, now - start)),
                            warming,
                            // Pairs are queued ahead of their time: count only those already due.
                            Math.min(due.get(), config.schedule().pairsDueBy(now - start)),
                            bRps,
                            cRps,
                            p99(recorders[0]),
                            p99(recorders[1])));
                },
                1,
                1,
                TimeUnit.SECONDS);
        return ticker;
    }

    private static double p99(LatencyRecorder r) {
        var h = r.total();
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99.0) / 1000.0;
    }

    private DualRunResult summarize(
            PhaseRecords window, NoiseDetector noise, long measureStart, long endNanos, Instant startedAt) {
        long lastAnswer = Math.max(window.recorders[0].lastAnswerNanos(), window.recorders[1].lastAnswerNanos());
        long windowEnd = lastAnswer == Long.MIN_VALUE ? endNanos : lastAnswer;
        long windowNanos = Math.max(1, windowEnd - measureStart);
        EndpointStats b = Summaries.of(DualRunConfig.masked(config.baseline()), window.recorders[0], windowNanos);
        EndpointStats c = Summaries.of(DualRunConfig.masked(config.candidate()), window.recorders[1], windowNanos);
        ParitySummary parity = window.parity.summary(noise.samples(), text(noise.noise()), text(config.ignore()));
        var verdict = config.slo()
                .evaluate(new SloInputs(c.latencies(), b.latencies(), c.errorRate(), parity.mismatchRate()));
        double achieved = (parity.compared() + parity.notCompared()) / (windowNanos / 1e9);
        Duration measured = Duration.ofNanos(Math.min(windowNanos, Math.max(0, endNanos - measureStart)));
        // The sample store, when there is one, adds what it got afterwards (SampledDualRun).
        return new DualRunResult(
                config,
                corpus.describe(),
                startedAt,
                measured,
                achieved,
                b,
                c,
                Summaries.of(window.lateness),
                parity,
                verdict,
                cancelled,
                Optional.empty());
    }

    private static List<String> text(List<PathPattern> patterns) {
        return patterns.stream().map(PathPattern::toString).toList();
    }

    /** The run's shared state, reached from the sender threads. */
    private final class Load {
        final PhaseRecords[] phases;
        volatile long startNanos;
        volatile Instant startedAt;

        Load(PhaseRecords[] phases) {
            this.phases = phases;
        }

        /** Sides of one endpoint finished, warm-up included: for live request rates. */
        long completed(int side) {
            return phases[PairSlot.WARMUP].recorders[side].completed()
                    + phases[PairSlot.MEASURED].recorders[side].completed();
        }

        /**
         * One side finished. Warm-up and measured pairs take the same path, to their phase's
         * records: a branch on the phase here would be compiled without its measured arm during
         * the warm-up and recompiled when the measured window starts.
         */
        void completed(PairSlot slot, int side, Outcome outcome, boolean pairDone) {
            long now = System.nanoTime();
            PhaseRecords phase = phases[slot.phase()];
            LatencyRecorder r = phase.recorders[side];
            r.finished();
            if (outcome.skipped()) {
                r.unsent();
            } else {
                r.record(outcome, now);
            }
            if (outcome.sent()) {
                phase.lateness.record(outcome.lateNanos());
            }
            if (!pairDone) {
                return;
            }
            Outcome b = slot.outcome(PairSlot.BASELINE);
            Outcome c = slot.outcome(PairSlot.CANDIDATE);
            if (b.skipped() || c.skipped()) {
                return;
            }
            Parity p = phase.parity.compare(slot);
            try {
                phase.sink.accept(new PairedSample(
                        slot.index(), startedAt.plusNanos(slot.intendedNanos() - startNanos), sample(b), sample(c), p));
            } catch (RuntimeException e) {
                sinkFailures.increment();
            }
        }

        private EndpointSample sample(Outcome o) {
            return new EndpointSample(o.answer() == null ? 0 : o.answer().status(), o.latencyNanos(), o.error());
        }
    }
}
