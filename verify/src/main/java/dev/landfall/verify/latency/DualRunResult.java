package dev.landfall.verify.latency;

import dev.landfall.verify.latency.slo.SloVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a dual run: each endpoint's latencies and errors, the parity of their answers,
 * and the SLO verdict. Nothing here holds a secret (URLs have user info masked).
 *
 * @param corpus where the requests came from
 * @param startedAt when the first request was due
 * @param measured how long the measured window lasted (shorter than asked when stopped)
 * @param achievedRate request pairs answered per second in the measured window
 * @param lateness how late the load generator sent the measured requests (its self-check)
 * @param stopped whether the run was cancelled before its end
 * @param samples what the sample store got, when the raw samples were stored; empty without a
 *     sample store
 */
public record DualRunResult(
        DualRunConfig config,
        String corpus,
        Instant startedAt,
        Duration measured,
        double achievedRate,
        EndpointStats baseline,
        EndpointStats candidate,
        GeneratorLateness lateness,
        ParitySummary parity,
        SloVerdict verdict,
        boolean stopped,
        Optional<SamplesWritten> samples) {
    public DualRunResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(lateness, "lateness");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(samples, "samples");
    }

    /** This result with what the sample store got. */
    public DualRunResult withSamples(SamplesWritten written) {
        return new DualRunResult(
                config,
                corpus,
                startedAt,
                measured,
                achievedRate,
                baseline,
                candidate,
                lateness,
                parity,
                verdict,
                stopped,
                Optional.of(written));
    }

    /** A warning when the generator's own lateness is large enough to distort the measured tail. */
    public Optional<String> latenessWarning() {
        return lateness.warning(baseline, candidate);
    }

    /** Whether the SLO held. A stopped run can still pass on what it measured. */
    public boolean passed() {
        return verdict.passed();
    }

    /** The baseline's latency over the candidate's at a percentile ({@code p50} … {@code max}); NaN without data. */
    public double speedup(String percentile) {
        double b = baseline.latencies().getOrDefault(percentile, Double.NaN);
        double c = candidate.latencies().getOrDefault(percentile, Double.NaN);
        return c > 0 ? b / c : Double.NaN;
    }
}
