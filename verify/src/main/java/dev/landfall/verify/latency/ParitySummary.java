package dev.landfall.verify.latency;

import java.util.List;

/**
 * How alike the two endpoints answered in the measured part of a run.
 *
 * @param compared pairs where both endpoints answered
 * @param mismatches compared pairs whose answers differ
 * @param notCompared pairs where at least one side failed without an answer
 * @param noiseSamples baseline requests sent twice to learn noise
 * @param noisePaths JSON paths found to differ between two baseline answers, ignored
 * @param ignoredPaths JSON paths ignored as asked ({@code --ignore})
 * @param examples the first mismatches, with their differences
 */
public record ParitySummary(
        long compared,
        long mismatches,
        long notCompared,
        int noiseSamples,
        List<String> noisePaths,
        List<String> ignoredPaths,
        List<Mismatch> examples) {
    public ParitySummary {
        noisePaths = List.copyOf(noisePaths);
        ignoredPaths = List.copyOf(ignoredPaths);
        examples = List.copyOf(examples);
    }

    /** Mismatches over compared pairs, 0..1; 0 when nothing was compared. */
    public double mismatchRate() {
        return compared == 0 ? 0 : (double) mismatches / compared;
    }
}
