package dev.landfall.verify.latency.parity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Learns which response fields are noise, as Diffy does: the same request sent to the baseline
 * twice; whatever differs between those two answers (timestamps, request ids, random tokens) will
 * differ between baseline and candidate too and says nothing about the candidate. Array indices
 * are generalized ({@code $.items[*].ts}), so noise seen in one element is ignored in all. A whole
 * non-JSON body that differs makes {@code $} noise. Used from one thread.
 */
public final class NoiseDetector {
    private final ResponseComparer comparer = new ResponseComparer(List.of());
    private final Set<PathPattern> noise = new LinkedHashSet<>();
    private int samples;

    /** Takes two baseline answers to the same request. Answers with different statuses teach nothing. */
    public void learn(Answer first, Answer second) {
        samples++;
        if (first.status() != second.status()) {
            return;
        }
        for (List<String> path : comparer.differingPaths(first, second)) {
            noise.add(PathPattern.exact(path).generalized());
        }
    }

    /** The noisy paths found so far, in the order first seen. */
    public List<PathPattern> noise() {
        return new ArrayList<>(noise);
    }

    /** How many pairs were learned from. */
    public int samples() {
        return samples;
    }
}
