package dev.landfall.verify.latency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToDoubleFunction;

/** Keeps every sample, for tests that check the summary against the raw measurements. */
final class RecordingSink implements SampleSink {
    private final ConcurrentLinkedQueue<PairedSample> samples = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(PairedSample sample) {
        samples.add(sample);
    }

    List<PairedSample> samples() {
        List<PairedSample> list = new ArrayList<>(samples);
        list.sort(Comparator.comparingLong(PairedSample::index));
        return list;
    }

    /** The exact value at a percentile (nearest rank) of some per-sample figure. */
    static double percentile(List<PairedSample> samples, ToDoubleFunction<PairedSample> f, double percentile) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        // Less a hair: 99.9% of 2000 is 1998.0000000000002 in floating point, rank 1998.
        int rank = (int) Math.ceil(percentile / 100.0 * v.length - 1e-9);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
