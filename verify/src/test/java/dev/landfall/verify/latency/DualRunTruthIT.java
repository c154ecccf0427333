package dev.landfall.verify.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.landfall.verify.latency.slo.Slo;
import dev.landfall.verify.latency.testing.HoldRecordingServer;
import dev.landfall.verify.latency.testing.LoopbackPinger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The truth test (issue 19): what a dual run reports against what the servers themselves recorded
 * for the same requests. Each endpoint is a {@link HoldRecordingServer} with a known, seeded
 * distribution (2 ms ± 0.5 ms, 3% uniform in 10..30 ms, so p99 lies well inside the tail and not on
 * its edge, where one request more or less would flip it) that records how long it held each
 * request. The reported p50, p90 and p99 of each endpoint must be within 10% or 0.5 ms, whichever
 * is larger, of the same percentiles of the servers' own records for exactly the measured requests
 * (pair {@code i} is {@code GET /item/i}; the warm-up's pairs are left out on both sides).
 *
 * <p>What "truth" is: the server's hold time is a lower bound of what any client can see (a
 * reported figure below it fails at once); every client also pays the loopback round trip and the
 * kernel's wake-ups of both sides, which on a loaded 2-core machine are tenths of a millisecond
 * and no fault of the generator. So the truth is the hold plus the median round trip that a
 * minimal client (one blocking socket, {@link LoopbackPinger}) measured against the same server
 * during the same run, at the same machine load. What is left, the generator's own lateness and
 * overhead, must fit in the margin. Comparing with the servers' records, not with the delays asked
 * for, is what makes this hold on a loaded machine: a server that oversleeps records its
 * oversleep.
 *
 * <p>One error a test cannot rule out is the test JVM stopping: a GC pause of 10 to 40 ms was
 * measured here on a loaded 2-core machine, and it holds the server (same JVM) and every request
 * in flight, few of which the generator's lateness sees. So a run that misses the margins is run
 * again, up to {@link #ATTEMPTS} times, and one must meet them all; a figure below the server's own
 * hold fails at once. A failure lists every attempt with its generator lateness and its warning,
 * if it gave one. Only when every run missed and, in every run, the JVM's own hiccups (a thread
 * that only sleeps, woken late: {@link LoopbackPinger#hiccupMs}) were above {@link #STARVED_MS} at
 * p99 (the JVM or the machine kept threads from running, which no generator can help) is the test
 * skipped instead, saying so; a late generator in a JVM that runs on time still fails.
 */
class DualRunTruthIT {
    private static final long SEED = 19;
    private static final int ATTEMPTS = 5;

    /**
     * A sleeping thread woken later than this at p99 means the JVM or the machine itself keeps
     * threads from running (idle: ~0.1 ms): no generator could be accurate then.
     */
    private static final double STARVED_MS = 1.0;

    /**
     * Twice the CLI's default: at 3,000 pairs/s on a starved machine 16 senders all stayed busy
     * and a backlog built (the lateness it adds is real, but it is not the accuracy under test).
     */
    private static final int CONNECTIONS = 32;

    /** Long enough for the JIT to compile the hot path in a fresh JVM on a loaded machine. */
    private static final Duration WARMUP = Duration.ofSeconds(3);

    @ParameterizedTest(name = "{0} pairs/s")
    @ValueSource(ints = {1_000, 3_000})
    void reportedPercentilesAreTheServersOwnWithinTenPercentOrHalfAMillisecond(int rate) throws Exception {
        List<String> attempts = new ArrayList<>();
        boolean starved = true;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (HoldRecordingServer baseline = new HoldRecordingServer(SEED, 2_000, 0.03, 10_000, 30_000);
                    HoldRecordingServer candidate = new HoldRecordingServer(SEED + 1, 2_000, 0.03, 10_000, 30_000)) {
                DualRunConfig config = new DualRunConfig(
                        baseline.url(),
                        candidate.url(),
                        rate,
                        Duration.ofSeconds(3),
                        WARMUP,
                        CONNECTIONS,
                        Duration.ofSeconds(10),
                        Slo.parse("p50<=1s"),
                        List.of(),
                        0,
                        20,
                        7);
                DualRunResult r;
                double roundTripMs;
                double machineJitterMs;
                try (LoopbackPinger pinger = new LoopbackPinger(baseline.url())) {
                    r = DualRuns.run(config);
                    roundTripMs = pinger.medianMs();
                    machineJitterMs = pinger.hiccupMs(99);
                }

                long first = config.schedule().warmupPairs();
                long last = config.schedule().totalPairs();
                String context = String.format(
                        Locale.ROOT,
                        "%d pairs/s, attempt %d, loopback round trip %.3f ms, JVM hiccups p99 %.3f ms, generator"
                                + " lateness p50 %.3f ms p99 %.3f ms max %.3f ms",
                        rate,
                        attempt,
                        roundTripMs,
                        machineJitterMs,
                        r.lateness().p50Ms(),
                        r.lateness().p99Ms(),
                        r.lateness().maxMs());
                List<String> misses = new ArrayList<>();
                misses.addAll(compare(
                        "baseline", r.baseline(), truth(baseline, first, last), roundTripMs, last - first, context));
                misses.addAll(compare(
                        "candidate", r.candidate(), truth(candidate, first, last), roundTripMs, last - first, context));
                if (misses.isEmpty()) {
                    // Visible in the test's output: how close, and after how many tries.
                    System.out.println("DualRunTruthIT within the margins: " + context + "; "
                            + r.baseline().p99Ms() + " / " + r.candidate().p99Ms() + " ms p99 reported");
                    return;
                }
                if (machineJitterMs <= STARVED_MS) {
                    starved = false;
                }
                attempts.add(context + ": off the truth: " + misses
                        + r.latenessWarning().map(w -> "; the run warned: " + w).orElse("; the run gave no warning"));
            }
        }
        // Only the machine, not the generator, may excuse a miss: when a thread doing nothing but
        // sleep was woken late in every run, there is nothing this test can measure.
        assumeFalse(starved, "every run missed on a machine too busy to measure on: " + attempts);
        fail("no run of " + ATTEMPTS + " was within the margins: " + attempts);
    }

    /** The servers' recorded holds of the measured requests, in microseconds as the run's histograms. */
    private static Histogram truth(HoldRecordingServer server, long first, long last) {
        Histogram h = new Histogram(1, 3_600_000_000L, 3);
        for (long i = first; i < last; i++) {
            long n = i;
            long held = server.holdNanos(i).orElseThrow(() -> new AssertionError("/item/" + n + " never served"));
            h.recordValue((held + 500) / 1000);
        }
        return h;
    }

    /**
     * Asserts what holds whatever the machine does (every measured request answered, no figure
     * below the server's own); returns the percentiles further above the truth than the margin.
     */
    private static List<String> compare(
            String side, EndpointStats s, Histogram holds, double roundTripMs, long measured, String context) {
        assertEquals(measured, s.requests(), side + " requests, " + context);
        assertEquals(measured, s.responses(), side + " responses, " + context);
        assertEquals(0, s.errors(), side + " errors, " + context);
        List<String> misses = new ArrayList<>();
        double[][] pairs = {{50, s.p50Ms()}, {90, s.p90Ms()}, {99, s.p99Ms()}};
        for (double[] p : pairs) {
            double held = holds.getValueAtPercentile(p[0]) / 1000.0;
            double truth = held + roundTripMs;
            double reported = p[1];
            double margin = Math.max(0.10 * truth, 0.5);
            String what = String.format(
                    Locale.ROOT,
                    "%s p%.0f reported %.3f ms, server held %.3f ms, truth %.3f ms, margin %.3f ms",
                    side,
                    p[0],
                    reported,
                    held,
                    truth,
                    margin);
            assertTrue(reported >= held * 0.998, "below the server's own hold: " + what + " (" + context + ")");
            if (Math.abs(reported - truth) > margin) {
                misses.add(what);
            }
        }
        return misses;
    }
}
