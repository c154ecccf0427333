package dev.landfall.store.clickhouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClickHouseEventSink#load} is asked to do.
 *
 * @param file the NDJSON file, gzip'd or not
 * @param table the table name (in the location's database)
 * @param declared the declared schema ({@code --schema}), if any; otherwise an existing table's
 *     columns are used, or a schema is inferred from the first {@code sampleLines} lines
 * @param skipBad how many bad lines may be left out (0: the first one ends the load)
 * @param batchRows rows per INSERT
 * @param sampleLines lines sampled for inference
 */
public record EventLoad(
        Path file, String table, Optional<String> declared, long skipBad, int batchRows, int sampleLines) {
    /** Rows per INSERT unless told otherwise: large, since every INSERT makes a part to merge. */
    public static final int DEFAULT_BATCH_ROWS = 500_000;
    /** Lines sampled to infer a schema. */
    public static final int DEFAULT_SAMPLE_LINES = 10_000;

    public EventLoad {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(declared, "declared");
        if (batchRows < 1 || sampleLines < 1 || skipBad < 0) {
            throw new IllegalArgumentException("batchRows and sampleLines must be positive, skipBad not negative");
        }
    }

    /**
     * How a load went.
     *
     * @param table the qualified table
     * @param schema its columns
     * @param created whether the load created the table
     * @param finished whether the run only finished moving the rows of an earlier load of the same
     *     file (then {@code rows} counts those rows and nothing was read)
     * @param lines lines read (blank ones included)
     * @param rows rows inserted
     * @param badLines lines left out as bad (at most {@code skipBad})
     * @param firstBad the first few bad lines, as {@code line N: what}
     * @param ignoredFields names of event fields the table has no column for
     * @param inserts INSERT statements sent
     * @param serverVersion the server's version
     * @param warnings what the inferred schema loses
     */
    public record Result(
            String table,
            EventSchema schema,
            boolean created,
            boolean finished,
            long lines,
            long rows,
            long badLines,
            List<String> firstBad,
            List<String> ignoredFields,
            long inserts,
            String serverVersion,
            List<String> warnings) {}

    /** Progress, called on the loading thread. */
    public interface Listener {
        /** The table's schema is known (declared, read or inferred). */
        default void schemaReady(EventSchema schema, boolean inferred, boolean tableExists) {}

        /** {@code lines} lines have been checked so far (called every 10,000 lines). */
        default void checked(long lines) {}

        /** {@code rows} of {@code total} rows are in the table. */
        default void loaded(long rows, long total) {}

        /** Partition {@code index} (from 0) of {@code of} is about to be moved into the table. */
        default void moving(int index, int of) {}
    }
}
