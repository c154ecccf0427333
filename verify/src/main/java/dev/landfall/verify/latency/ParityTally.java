package dev.landfall.verify.latency;

import dev.landfall.verify.latency.PairedSample.Parity;
import dev.landfall.verify.latency.load.Outcome;
import dev.landfall.verify.latency.load.PairSlot;
import dev.landfall.verify.latency.parity.Answer;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.parity.ResponseComparer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Compares the two answers of each measured pair and counts the outcome. Thread-safe. */
final class ParityTally {
    /** Differences kept per mismatch: enough to see what is wrong, small enough to print. */
    static final int DIFFERENCES_SHOWN = 5;

    private final ResponseComparer comparer;
    private final int maxExamples;
    private final LongAdder compared = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final LongAdder notCompared = new LongAdder();
    private final List<Mismatch> examples = new ArrayList<>();

    ParityTally(ResponseComparer comparer, int maxExamples) {
        this.comparer = comparer;
        this.maxExamples = maxExamples;
    }

    Parity compare(PairSlot slot) {
        Outcome b = slot.outcome(PairSlot.BASELINE);
        Outcome c = slot.outcome(PairSlot.CANDIDATE);
        if (b.answer() == null || c.answer() == null) {
            notCompared.increment();
            return Parity.NOT_COMPARED;
        }
        compared.increment();
        Answer a = b.answer();
        Answer z = c.answer();
        List<Difference> diffs = comparer.compare(a, z, DIFFERENCES_SHOWN);
        if (diffs.isEmpty()) {
            return Parity.MATCH;
        }
        mismatches.increment();
        synchronized (examples) {
            if (examples.size() < maxExamples) {
                examples.add(new Mismatch(slot.index(), slot.request().describe(), a.status(), z.status(), diffs));
            }
        }
        return Parity.MISMATCH;
    }

    ParitySummary summary(int noiseSamples, List<String> noise, List<String> ignored) {
        List<Mismatch> shown;
        synchronized (examples) {
            shown = new ArrayList<>(examples);
        }
        shown.sort((x, y) -> Long.compare(x.index(), y.index()));
        return new ParitySummary(
                compared.sum(), mismatches.sum(), notCompared.sum(), noiseSamples, noise, ignored, shown);
    }
}
