package dev.landfall.verify.latency;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Small helpers for running a dual run in tests. */
final class DualRuns {
    private DualRuns() {}

    /** {@code GET /item/N} for N = 0, 1, 2, … forever. */
    static RequestCorpus counting() {
        return new RequestCorpus() {
            private long n;

            @Override
            public CorpusRequest next() {
                return CorpusRequest.of("GET", "/item/" + n++);
            }

            @Override
            public String describe() {
                return "counting";
            }

            @Override
            public void close() {}
        };
    }

    static DualRunConfig config(
            URI baseline, URI candidate, double rate, Duration duration, Duration warmup, String slo) {
        return config(baseline, candidate, rate, duration, warmup, slo, 10);
    }

    /** With {@code noiseSamples} 0, pair {@code i} is {@code GET /item/i}. */
    static DualRunConfig config(
            URI baseline,
            URI candidate,
            double rate,
            Duration duration,
            Duration warmup,
            String slo,
            int noiseSamples) {
        return new DualRunConfig(
                baseline,
                candidate,
                rate,
                duration,
                warmup,
                32,
                Duration.ofSeconds(10),
                Slo.parse(slo),
                List.<PathPattern>of(),
                noiseSamples,
                20,
                7);
    }

    static DualRunResult run(DualRunConfig config) throws IOException {
        return run(config, SampleSink.NONE);
    }

    static DualRunResult run(DualRunConfig config, SampleSink sink) throws IOException {
        try (RequestCorpus corpus = counting()) {
            return new DualRun(config, corpus, sink, DualRunListener.NONE, Clock.systemUTC()).run();
        }
    }
}
