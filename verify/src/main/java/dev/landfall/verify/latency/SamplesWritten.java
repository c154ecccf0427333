package dev.landfall.verify.latency;

import java.util.Objects;

/**
 * What a run's sample store got: how many measured pairs were stored and how many were lost, and
 * why. For the report, so a loss is never silent.
 *
 * @param target where the samples went, secrets masked (e.g. {@code clickhouse://app:****@ch:8123/db})
 * @param table the table
 * @param runId the run's id in every row
 * @param region the region label in every row
 * @param written pairs stored
 * @param lost pairs not stored: the queue was full, a write failed, or they were still unwritten
 *     when the run ended
 * @param error the first reason for a loss; empty when nothing was lost or the only loss was a
 *     full queue
 */
public record SamplesWritten(
        String target, String table, String runId, String region, long written, long lost, String error) {
    public SamplesWritten {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(error, "error");
    }

    /** Whether every measured pair was stored. */
    public boolean complete() {
        return lost == 0;
    }
}
