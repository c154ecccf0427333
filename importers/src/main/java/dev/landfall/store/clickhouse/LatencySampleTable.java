package dev.landfall.store.clickhouse;

import java.time.Instant;
import java.util.List;

/**
 * The table {@code landfall verify latency --samples clickhouse://…} writes: one row per endpoint
 * ({@code old}, {@code new}) per measured request pair of a dual run, so runs from several regions can be compared with SQL (queries in
 * docs/clickhouse.md). Its types exist in every ClickHouse since 18.x; the exact send time is
 * kept as Unix microseconds beside a {@code DateTime} for filtering by time.
 */
public final class LatencySampleTable {
    /** The table's name unless told otherwise. */
    public static final String DEFAULT_NAME = "landfall_latency_samples";

    /** The columns, in the order {@link #append} takes them. */
    public static final List<Column> COLUMNS = List.of(
            new Column("run_id", ColumnType.parse("String")),
            new Column("region", ColumnType.parse("String")),
            new Column("request_index", ColumnType.parse("UInt64")),
            new Column("sent_at", ColumnType.parse("DateTime")),
            new Column("sent_at_us", ColumnType.parse("UInt64")),
            new Column("endpoint", ColumnType.parse("String")),
            new Column("latency_us", ColumnType.parse("UInt64")),
            new Column("status", ColumnType.parse("UInt16")),
            new Column("parity", ColumnType.parse("String")));

    private LatencySampleTable() {}

    /**
     * {@code CREATE TABLE IF NOT EXISTS} for the samples table: partitioned by day, sorted by run,
     * region, endpoint and request, so one run's figures are one contiguous range.
     */
    public static String createSql(ClickHouseLocation where, String table) {
        return "CREATE TABLE IF NOT EXISTS " + where.qualified(table) + " ("
                + new EventSchema(COLUMNS, java.util.Optional.empty()).columnsSql()
                + ") ENGINE = MergeTree() PARTITION BY toYYYYMMDD(sent_at)"
                + " ORDER BY (run_id, region, endpoint, request_index)";
    }

    /** Creates the table if it does not exist and returns a writer for it. */
    public static ClickHouseRowWriter open(ClickHouseSession session, String table, int batchRows) {
        session.execute(createSql(session.location(), table), "creating table " + table);
        return new ClickHouseRowWriter(session, table, COLUMNS, batchRows);
    }

    /**
     * Appends one sample.
     *
     * @param runId the dual-run's id
     * @param region the region label of the load generator
     * @param requestIndex the pair's index in the run
     * @param sentAt the intended send time
     * @param endpoint which side: {@code old} or {@code new} (or a label)
     * @param latencyMicros the latency from the intended send time, in microseconds
     * @param status the HTTP status (0 when no response came)
     * @param parity the response comparison: {@code equal}, {@code differs} or {@code skipped}
     */
    public static void append(
            ClickHouseRowWriter writer,
            String runId,
            String region,
            long requestIndex,
            Instant sentAt,
            String endpoint,
            long latencyMicros,
            int status,
            String parity) {
        long micros = Math.addExact(Math.multiplyExact(sentAt.getEpochSecond(), 1_000_000L), sentAt.getNano() / 1000);
        writer.append(runId, region, requestIndex, sentAt, micros, endpoint, latencyMicros, status, parity);
    }
}
