package dev.landfall.verify.latency;

import dev.landfall.verify.latency.load.LatencyRecorder;
import dev.landfall.verify.latency.load.Lateness;
import java.util.Objects;

/**
 * Where one phase of a dual run, the warm-up or the measured window, records its pairs: both
 * endpoints' latencies, the generator's lateness, the parity tally and the sample sink. The
 * warm-up gets a set of its own that is thrown away, so that its pairs run exactly the code the
 * measured ones run: the JIT compiles the recording and comparing path during the warm-up instead
 * of in the measured window (measured: recompiles and deoptimisations there, one C2 thread busy for
 * seconds on a 2-core machine, were part of the generator's lateness tail).
 */
final class PhaseRecords {
    final LatencyRecorder[] recorders = {new LatencyRecorder(), new LatencyRecorder()};
    final Lateness lateness = new Lateness();
    final ParityTally parity;
    final SampleSink sink;

    PhaseRecords(ParityTally parity, SampleSink sink) {
        this.parity = Objects.requireNonNull(parity, "parity");
        this.sink = Objects.requireNonNull(sink, "sink");
    }
}
