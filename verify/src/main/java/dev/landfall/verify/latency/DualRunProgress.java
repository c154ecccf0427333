package dev.landfall.verify.latency;

import java.time.Duration;

/**
 * A running view of a dual run, about once a second.
 *
 * @param elapsed since the first request was due
 * @param warmingUp whether the run is still in its warm-up
 * @param pairsDue request pairs due so far
 * @param baselineRps answers per second from the baseline over the last interval
 * @param candidateRps the same for the candidate
 * @param baselineP99Ms the baseline's p99 over the measured window so far; NaN before any
 * @param candidateP99Ms the same for the candidate
 */
public record DualRunProgress(
        Duration elapsed,
        boolean warmingUp,
        long pairsDue,
        double baselineRps,
        double candidateRps,
        double baselineP99Ms,
        double candidateP99Ms) {}
