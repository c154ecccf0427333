package dev.landfall.cli.command;

import dev.landfall.store.clickhouse.ClickHouseRowWriter;
import dev.landfall.store.clickhouse.ClickHouseSession;
import dev.landfall.store.clickhouse.LatencySampleTable;
import dev.landfall.verify.latency.PairedSample;
import dev.landfall.verify.latency.PairedSample.EndpointSample;
import dev.landfall.verify.latency.SampleBatchWriter;
import java.util.List;

/**
 * Writes a dual run's samples into the ClickHouse samples table ({@link LatencySampleTable}): two
 * rows per measured pair, {@code old} (the baseline) and {@code new} (the candidate), one INSERT
 * per batch. The table is created on the first batch that finds the server up, so a server that is
 * down at the start of a run and back later still gets the rest of the samples.
 */
final class ClickHouseSampleWriter implements SampleBatchWriter {
    private final ClickHouseSession session;
    private final String table;
    private final String runId;
    private final String region;
    private ClickHouseRowWriter rows;

    ClickHouseSampleWriter(ClickHouseSession session, String table, String runId, String region) {
        this.session = session;
        this.table = table;
        this.runId = runId;
        this.region = region;
    }

    /** Creates the table if it does not exist; throws the server's error as a LandfallException. */
    void open() {
        if (rows == null) {
            // The writer's own batching is out of the way: the sink hands over whole batches.
            rows = LatencySampleTable.open(session, table, Integer.MAX_VALUE);
        }
    }

    @Override
    public void write(List<PairedSample> batch) {
        open();
        for (PairedSample s : batch) {
            row(s, "old", s.baseline());
            row(s, "new", s.candidate());
        }
        try {
            rows.flush();
        } catch (RuntimeException e) {
            rows.discard();
            throw e;
        }
    }

    private void row(PairedSample s, String endpoint, EndpointSample e) {
        LatencySampleTable.append(
                rows,
                runId,
                region,
                s.index(),
                s.intendedSendTime(),
                endpoint,
                e.latencyMicros(),
                e.status(),
                parity(s.parity()));
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
        session.close();
    }
}
