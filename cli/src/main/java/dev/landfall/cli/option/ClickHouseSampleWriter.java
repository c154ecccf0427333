package dev.landfall.cli.option;

import dev.landfall.store.clickhouse.ClickHouseSampleStore;
import dev.landfall.store.clickhouse.LatencySample;
import dev.landfall.verify.latency.PairedSample;
import dev.landfall.verify.latency.PairedSample.EndpointSample;
import dev.landfall.verify.latency.SampleBatchWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The adapter between a dual run's samples and the ClickHouse samples table: two rows per measured
 * pair, {@code old} (the baseline) and {@code new} (the candidate).
 */
record ClickHouseSampleWriter(ClickHouseSampleStore store, String runId, String region) implements SampleBatchWriter {
    @Override
    public void write(List<PairedSample> batch) {
        List<LatencySample> rows = new ArrayList<>(batch.size() * 2);
        for (PairedSample s : batch) {
            rows.add(row(s, "old", s.baseline()));
            rows.add(row(s, "new", s.candidate()));
        }
        store.write(runId, region, rows);
    }

    private static LatencySample row(PairedSample s, String endpoint, EndpointSample e) {
        return new LatencySample(
                s.index(), s.intendedSendTime(), endpoint, e.latencyMicros(), e.status(), parity(s.parity()));
    }

    /** The table's parity words (docs/clickhouse.md). */
    static String parity(PairedSample.Parity p) {
        return switch (p) {
            case MATCH -> "equal";
            case MISMATCH -> "differs";
            case NOT_COMPARED -> "skipped";
        };
    }

    @Override
    public void close() {
        store.close();
    }
}
