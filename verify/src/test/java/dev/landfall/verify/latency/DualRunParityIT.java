package dev.landfall.verify.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import dev.landfall.verify.latency.testing.DelayServer;
import dev.landfall.verify.latency.testing.DelayServer.Behaviour;
import dev.landfall.verify.latency.testing.DelayServer.Request;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Response parity, noise cancellation, samples, errors and cancelling, against local servers. */
class DualRunParityIT {
    /** Answers with a request id and timestamps that differ every time: noise. */
    private static String noisy(Request r) {
        return "{\"path\":\"" + r.path() + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"items\":[{\"k\":1,\"at\":"
                + System.nanoTime() + "},{\"k\":2,\"at\":" + System.nanoTime() + "}]}";
    }

    /** As {@link #noisy}, but every 10th item path answers a different k. */
    private static String noisyAndWrong(Request r) {
        String s = noisy(r);
        return r.path().endsWith("0") ? s.replace("\"k\":2", "\"k\":22") : s;
    }

    private static DualRunConfig config(URI b, URI c, List<PathPattern> ignore, int noiseSamples) {
        return new DualRunConfig(
                b,
                c,
                200,
                Duration.ofSeconds(1),
                Duration.ZERO,
                8,
                Duration.ofSeconds(10),
                Slo.parse("mismatch<=1%"),
                ignore,
                noiseSamples,
                3,
                1);
    }

    private static DelayServer server(Function<Request, String> body) throws Exception {
        return DelayServer.start(Behaviour.fixed(0).body(body));
    }

    @Test
    void noiseLearnedFromTheBaselineLeavesIdenticalServicesEqual() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy);
                DelayServer c = server(DualRunParityIT::noisy)) {
            DualRunResult r = DualRuns.run(config(b.url(), c.url(), List.of(), 10));
            assertEquals(200, r.parity().compared());
            assertEquals(0, r.parity().mismatches(), r.parity().toString());
            assertEquals(List.of("$.items[*].at", "$.requestId"), r.parity().noisePaths());
            assertTrue(r.passed());
        }
    }

    @Test
    void withoutNoiseLearningEveryAnswerDiffers() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy);
                DelayServer c = server(DualRunParityIT::noisy)) {
            DualRunResult r = DualRuns.run(config(b.url(), c.url(), List.of(), 0));
            assertEquals(200, r.parity().mismatches());
            assertFalse(r.passed(), "mismatch<=1% breached");
            assertEquals(3, r.parity().examples().size());
        }
    }

    @Test
    void realDifferencesAreFoundWithAMinimalDiffAndCanBeIgnored() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy);
                DelayServer c = server(DualRunParityIT::noisyAndWrong)) {
            DualRunResult r = DualRuns.run(config(b.url(), c.url(), List.of(), 10));
            assertEquals(20, r.parity().mismatches(), "every 10th of 200");
            assertEquals(0.1, r.parity().mismatchRate(), 1e-9);
            Mismatch first = r.parity().examples().get(0);
            assertEquals(0, first.index() % 10);
            assertTrue(first.request().startsWith("GET /item/"), first.request());
            assertEquals(List.of(new Difference("$.items[1].k", "2", "22")), first.differences());
            assertEquals("mismatch<=1%", r.verdict().breaches().get(0).term().text());

            DualRunResult ignoring =
                    DualRuns.run(config(b.url(), c.url(), List.of(PathPattern.parse("$.items[*].k")), 10));
            assertEquals(0, ignoring.parity().mismatches());
            assertEquals(List.of("$.items[*].k"), ignoring.parity().ignoredPaths());
        }
    }

    @Test
    void serverErrorsCountAsErrorsAndSamplesCoverEveryMeasuredPair() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy);
                DelayServer c = DelayServer.start(Behaviour.fixed(0).status(503).body(r -> "busy"))) {
            RecordingSink sink = new RecordingSink();
            DualRunResult r = DualRuns.run(
                    DualRuns.config(
                            b.url(), c.url(), 100, Duration.ofSeconds(1), Duration.ofMillis(500), "errors<=0.1%", 0),
                    sink);
            assertEquals(100, r.candidate().requests());
            assertEquals(100, r.candidate().errors());
            assertEquals(1.0, r.candidate().errorRate());
            assertEquals(0, r.baseline().errors());
            assertEquals(java.util.Map.of(503, 100L), r.candidate().statuses());
            // The warm-up's pairs are recorded, compared and timed like these, into records of
            // their own that are thrown away.
            assertEquals(100, r.parity().compared() + r.parity().notCompared());
            assertEquals(200, r.lateness().sent(), "measured requests sent, both endpoints");
            assertFalse(r.passed());
            List<PairedSample> samples = sink.samples();
            assertEquals(100, samples.size(), "warm-up pairs are not samples");
            Set<Long> indices = new HashSet<>();
            for (PairedSample s : samples) {
                assertTrue(s.index() >= r.config().schedule().warmupPairs(), "after the warm-up: " + s.index());
                indices.add(s.index());
                assertEquals(503, s.candidate().status());
                assertEquals(PairedSample.Parity.MISMATCH, s.parity());
            }
            assertEquals(100, indices.size());
        }
    }

    @Test
    void anEndpointThatNeverAnswersFailsEarlyNamingIt() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy)) {
            URI dead;
            try (DelayServer gone = server(DualRunParityIT::noisy)) {
                dead = gone.url();
            }
            LandfallException e =
                    assertThrows(LandfallException.class, () -> DualRuns.run(config(b.url(), dead, List.of(), 1)));
            assertEquals(ErrorKind.TRANSIENT, e.kind());
            assertTrue(
                    e.getMessage().startsWith("--candidate " + dead + " gave no answer to GET /item/0"),
                    e.getMessage());
        }
    }

    @Test
    void aCancelledRunStopsSoonAndReportsWhatItMeasured() throws Exception {
        try (DelayServer b = server(DualRunParityIT::noisy);
                DelayServer c = server(DualRunParityIT::noisy)) {
            DualRunConfig long60s =
                    DualRuns.config(b.url(), c.url(), 100, Duration.ofSeconds(60), Duration.ZERO, "p50<=1s");
            List<DualRunProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (var corpus = DualRuns.counting()) {
                DualRun run = new DualRun(
                        long60s,
                        corpus,
                        SampleSink.NONE,
                        new DualRunListener() {
                            @Override
                            public void progress(DualRunProgress p) {
                                seen.add(p);
                            }
                        },
                        Clock.systemUTC());
                CompletableFuture<DualRunResult> f = CompletableFuture.supplyAsync(() -> {
                    try {
                        return run.run();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                while (seen.isEmpty()) {
                    Thread.sleep(50);
                }
                run.cancel();
                DualRunResult r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.stopped());
                assertTrue(
                        r.candidate().requests() > 0 && r.candidate().requests() < 6000,
                        r.candidate().toString());
                assertEquals(r.candidate().requests(), r.candidate().responses(), "no unsent request counts");
                assertTrue(r.measured().compareTo(Duration.ofSeconds(60)) < 0);
            }
        }
    }
}
