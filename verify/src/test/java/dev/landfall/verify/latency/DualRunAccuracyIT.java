package dev.landfall.verify.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.verify.latency.PairedSample.EndpointSample;
import dev.landfall.verify.latency.testing.DelayServer;
import dev.landfall.verify.latency.testing.DelayServer.Behaviour;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The measurer measured against two local servers with known injected delays. These tests must
 * hold on a loaded 2-core machine (they were written while the load average was near 20), so they
 * only assert what load cannot break:
 *
 * <ul>
 *   <li>the summary's percentiles are those of the raw samples (HdrHistogram's 0.1% resolution);
 *   <li>a measured latency is never below the server's injected delay: load only adds to it;
 *   <li>the difference between the endpoints' service times is recovered, within the 1 ms
 *       or 5%, as the median of per-pair differences: both requests of a pair are due at the same
 *       instant and interleaved, so client-side noise hits both alike and cancels in the
 *       difference. The truth is the delay each server really served (it records it per request),
 *       not the one asked for, because a loaded machine oversleeps 12 ms more than 2 ms;
 *   <li>a stall shows as at least itself, for every request due while it lasted.
 * </ul>
 */
class DualRunAccuracyIT {
    private static final ToDoubleFunction<PairedSample> BASELINE =
            s -> s.baseline().latencyMs();
    private static final ToDoubleFunction<PairedSample> CANDIDATE =
            s -> s.candidate().latencyMs();
    private static final ToDoubleFunction<PairedSample> DIFFERENCE =
            s -> s.candidate().latencyMs() - s.baseline().latencyMs();

    @Test
    void fixedDelaysOf2And12MsAreRecovered() throws Exception {
        try (DelayServer fast = DelayServer.start(Behaviour.fixed(2_000));
                DelayServer slow = DelayServer.start(Behaviour.fixed(12_000))) {
            RecordingSink sink = new RecordingSink();
            DualRunResult r = DualRuns.run(
                    DualRuns.config(
                            fast.url(), slow.url(), 150, Duration.ofSeconds(6), Duration.ofMillis(500), "p50<=5ms", 0),
                    sink);
            List<PairedSample> samples = sink.samples();

            assertEquals(900, samples.size());
            assertEquals(900, r.baseline().requests());
            assertEquals(900, r.candidate().responses());
            assertEquals(0, r.baseline().errors() + r.candidate().errors());
            assertSummaryIsTheSamples(samples, r);
            for (PairedSample s : samples) {
                assertTrue(s.baseline().latencyMs() >= 2.0, "below the injected 2 ms: " + s);
                assertTrue(s.candidate().latencyMs() >= 12.0, "below the injected 12 ms: " + s);
            }
            ToDoubleFunction<PairedSample> error = residual(fast, slow);
            assertEquals(0.0, RecordingSink.percentile(samples, error, 50), 1.0, "median error of the difference");
            assertTrue(RecordingSink.percentile(samples, DIFFERENCE, 50) >= 10.0 - 0.5, "12 ms - 2 ms");
            assertFalse(r.passed(), "p50<=5ms cannot hold for a 12 ms candidate");
            assertEquals(0, r.parity().mismatches(), "same bodies");
        }
    }

    @Test
    void aOnePercent50MsTailIsRecovered() throws Exception {
        try (DelayServer plain = DelayServer.start(Behaviour.fixed(2_000));
                DelayServer tailed = DelayServer.start(Behaviour.fixed(2_000).tail(100, 50_000))) {
            RecordingSink sink = new RecordingSink();
            DualRunResult r = DualRuns.run(
                    DualRuns.config(plain.url(), tailed.url(), 250, Duration.ofSeconds(8), Duration.ZERO, "p50<=1s", 0),
                    sink);
            List<PairedSample> samples = sink.samples();

            assertEquals(2000, samples.size());
            assertSummaryIsTheSamples(samples, r);
            List<PairedSample> slow =
                    samples.stream().filter(s -> s.index() % 100 == 0).toList();
            List<PairedSample> rest =
                    samples.stream().filter(s -> s.index() % 100 != 0).toList();
            assertEquals(20, slow.size());
            for (PairedSample s : slow) {
                assertTrue(s.candidate().latencyMs() >= 50.0, "a tail request below 50 ms: " + s);
            }
            assertTrue(r.candidate().p99_9Ms() >= 50.0, "the 1% tail reaches p99.9: " + r.candidate());
            ToDoubleFunction<PairedSample> error = residual(plain, tailed);
            assertEquals(0.0, RecordingSink.percentile(slow, error, 50), 48 * 0.05, "the tail's extra 48 ms");
            assertEquals(0.0, RecordingSink.percentile(rest, error, 50), 1.0, "the same 2 ms elsewhere");
            assertTrue(RecordingSink.percentile(slow, DIFFERENCE, 50) >= 48.0 - 2.4, "50 ms - 2 ms");
        }
    }

    @Test
    void aOneSecondStallShowsInP99BecauseLatencyCountsFromTheIntendedSendTime() throws Exception {
        try (DelayServer steady = DelayServer.start(Behaviour.fixed(1_000));
                DelayServer stalling = DelayServer.start(Behaviour.fixed(1_000).stall(500, 1_000))) {
            RecordingSink sink = new RecordingSink();
            DualRunResult r = DualRuns.run(
                    DualRuns.config(
                            steady.url(),
                            stalling.url(),
                            200,
                            Duration.ofSeconds(5),
                            Duration.ofMillis(500),
                            "p99<=100ms",
                            0),
                    sink);
            List<PairedSample> samples = sink.samples();

            assertSummaryIsTheSamples(samples, r);
            // The 500th request to arrive stalls the server for a second. Every request due in the
            // stall's first 100 ms waits at least 900 ms, and in its first half at least 500 ms:
            // 20 and 100 requests at 200/s, 2% and 10% of 1,000. Latency from the actual send
            // time would hide them (they wait in the queue, not on the wire).
            long over900 = samples.stream()
                    .filter(s -> s.candidate().latencyMs() >= 900)
                    .count();
            long over500 = samples.stream()
                    .filter(s -> s.candidate().latencyMs() >= 500)
                    .count();
            assertTrue(over900 >= 20, "requests held >= 900 ms: " + over900);
            assertTrue(over500 >= 100, "requests held >= 500 ms: " + over500);
            assertTrue(
                    r.candidate().p99Ms() >= 900.0,
                    "the stall is in p99: " + r.candidate().p99Ms());
            assertTrue(r.candidate().maxMs() >= 1000.0, "max " + r.candidate().maxMs());
            assertFalse(r.passed(), "p99<=100ms is breached");
            assertEquals(0, r.candidate().errors());
        }
    }

    /**
     * Per pair: the measured difference (candidate - baseline) less the difference the two servers
     * really served; 0 for a perfect measurer.
     */
    private static ToDoubleFunction<PairedSample> residual(DelayServer baseline, DelayServer candidate) {
        return s -> {
            String path = "/item/" + s.index();
            double served = (candidate.serviceNanos(path).orElseThrow()
                            - baseline.serviceNanos(path).orElseThrow())
                    / 1e6;
            return s.candidate().latencyMs() - s.baseline().latencyMs() - served;
        };
    }

    /** The reported percentiles are the samples' own, within HdrHistogram's 0.1% resolution. */
    private static void assertSummaryIsTheSamples(List<PairedSample> samples, DualRunResult r) {
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            double b = RecordingSink.percentile(samples, BASELINE, p);
            double c = RecordingSink.percentile(samples, CANDIDATE, p);
            double rb = switch ((int) (p * 10)) {
                case 500 -> r.baseline().p50Ms();
                case 900 -> r.baseline().p90Ms();
                case 990 -> r.baseline().p99Ms();
                case 999 -> r.baseline().p99_9Ms();
                default -> r.baseline().maxMs();
            };
            double rc = r.candidate().latencies().get(p == 100 ? "max" : p == 99.9 ? "p99.9" : "p" + (int) p);
            assertEquals(b, rb, b * 0.002 + 0.002, "baseline p" + p);
            assertEquals(c, rc, c * 0.002 + 0.002, "candidate p" + p);
        }
        for (PairedSample s : samples) {
            EndpointSample b = s.baseline();
            assertEquals(200, b.status());
            assertEquals(PairedSample.Parity.MATCH, s.parity());
        }
    }
}
