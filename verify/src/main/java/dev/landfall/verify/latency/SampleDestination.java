package dev.landfall.verify.latency;

import java.util.Objects;

/**
 * Where a run's samples go and how their rows are labelled: what the run is given and what its
 * {@link SamplesWritten} reports back.
 *
 * @param target the store, secrets masked (e.g. {@code clickhouse://app:****@ch:8123/db})
 * @param table the table
 * @param runId the run's id in every row
 * @param region the load generator's region in every row
 */
public record SampleDestination(String target, String table, String runId, String region) {
    public SampleDestination {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(region, "region");
    }
}
