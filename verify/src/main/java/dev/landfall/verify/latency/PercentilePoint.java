package dev.landfall.verify.latency;

/**
 * One point of a latency-percentile curve.
 *
 * @param percentile 0..100
 * @param ms the latency at or below which that share of requests answered
 */
public record PercentilePoint(double percentile, double ms) {}
