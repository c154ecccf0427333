package dev.landfall.verify.latency.slo;

import java.util.Map;

/**
 * The measured figures an SLO is judged on.
 *
 * @param candidateMs the candidate's latency by name ({@code p50}, {@code p90}, {@code p99},
 *     {@code p99.9}, {@code max}, {@code mean}) in milliseconds; NaN when it answered nothing
 * @param baselineMs the same for the baseline
 * @param errorRate the candidate's share of failed requests (transport errors and 5xx), 0..1
 * @param mismatchRate the share of compared pairs whose answers differ, 0..1
 */
public record SloInputs(
        Map<String, Double> candidateMs, Map<String, Double> baselineMs, double errorRate, double mismatchRate) {
    public SloInputs {
        candidateMs = Map.copyOf(candidateMs);
        baselineMs = Map.copyOf(baselineMs);
    }
}
