package dev.landfall.verify.latency;

import java.util.Objects;

/**
 * What a run's sample store got: how many measured pairs were stored and how many were lost, and
 * why. For the report, so a loss is never silent.
 *
 * @param destination where the samples went and how their rows are labelled
 * @param written pairs stored
 * @param lost pairs not stored: the queue was full, a write failed, or they were still unwritten
 *     when the run ended
 * @param error the first reason for a loss; empty when nothing was lost or the only loss was a
 *     full queue
 */
public record SamplesWritten(SampleDestination destination, long written, long lost, String error) {
    public SamplesWritten {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(error, "error");
    }

    /** Whether every measured pair was stored. */
    public boolean complete() {
        return lost == 0;
    }
}
