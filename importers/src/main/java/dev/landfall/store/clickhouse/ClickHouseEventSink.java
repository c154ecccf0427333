package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads an NDJSON event file into a ClickHouse table in large batches, so that bad input leaves
 * no trace:
 *
 * <ol>
 *   <li>the schema: the existing table's columns, or the declared ones, or one inferred from a
 *       sample of the file;
 *   <li>check and insert: every line is parsed and checked against the columns and sent on as a
 *       TabSeparated row into a staging table ({@code T_landfall_loading}), in INSERTs of {@code
 *       batchRows} rows that stream while the next lines are checked. A bad line ends the load
 *       (exit 2, naming the line) and the staging table is dropped, unless {@code skipBad} allows
 *       the line to be left out;
 *   <li>publish: a new table is the staging table renamed; for an existing MergeTree table the
 *       staging table is renamed to a moving table named for the file's fingerprint and its
 *       partitions are attached to the table ({@link PartitionMove}), each whole or not at all;
 *       into other engines rows are copied with one {@code INSERT … SELECT}.
 * </ol>
 *
 * Memory stays at one line plus a few MiB of rows in flight, whatever the file's size. A run that
 * is killed while checking leaves at most the staging table, which the next run into the same
 * table drops; one killed while moving leaves the moving table, and the next run of the same file
 * finishes the move instead of loading the file again.
 */
public final class ClickHouseEventSink {
    private static final int FIRST_BAD = 10;

    private final ClickHouseSession session;

    public ClickHouseEventSink(ClickHouseSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Loads {@code load.file()} into {@code load.table()}; see the class comment. */
    public EventLoad.Result load(EventLoad load, EventLoad.Listener listener) throws IOException {
        if (!Files.isRegularFile(load.file())) {
            throw LandfallException.usage(
                    "events file " + load.file() + " does not exist or is not a file", "check the path after events:");
        }
        ClickHouseLocation where = session.location();
        String table = where.qualified(load.table());
        String version = session.version();
        Optional<EventSchema> existing = new TableColumns(session).read(load.table());
        List<String> warnings = new ArrayList<>();
        EventSchema schema;
        boolean inferred = false;
        if (existing.isPresent()) {
            schema = existing.get();
            if (load.declared().isPresent()
                    && !sameColumns(EventSchema.parse(load.declared().get()), schema)) {
                throw LandfallException.usage(
                        "table " + table + " exists with other columns than --schema declares: " + schema,
                        "leave out --schema to load into the table as it is, or name another --table");
            }
        } else if (load.declared().isPresent()) {
            schema = EventSchema.parse(load.declared().get());
        } else {
            SchemaInference inference = infer(load, session.hasDateTime64());
            schema = inference
                    .schema()
                    .orElseThrow(() -> LandfallException.usage(
                            "no schema can be inferred: the first " + load.sampleLines() + " lines of " + load.file()
                                    + " hold no JSON object with a field",
                            "check the file, or declare the columns with --schema 'name Type, …'"));
            warnings.addAll(inference.warnings());
            inferred = true;
        }
        listener.schemaReady(schema, inferred, existing.isPresent());
        boolean attach = existing.isPresent() && PartitionMove.attachable(session, load.table());
        if (attach) {
            Optional<EventLoad.Result> finished = finishEarlierMove(load, table, schema, version, listener);
            if (finished.isPresent()) {
                return finished.get();
            }
        }

        // Rows go into a staging table as they are checked, so checking and inserting overlap; the
        // table only gets them once every line has passed.
        String staging = where.qualified(stagingName(load.table()));
        session.execute("DROP TABLE IF EXISTS " + staging, "dropping " + staging + " left by an earlier run");
        session.execute(
                existing.isPresent()
                        ? "CREATE TABLE " + staging + " AS " + table
                        : "CREATE TABLE " + staging + " (" + schema.columnsSql() + ") ENGINE = MergeTree() "
                                + schema.orderBySql(),
                "creating " + staging);
        Checked checked;
        try {
            checked = checkAndInsert(load, schema, staging, listener);
            if (attach) {
                // Renamed first, so that from here on a rerun of the same file finds the checked
                // rows and finishes moving them instead of loading the file again.
                String moving = PartitionMove.movingName(load.table(), FileFingerprint.of(load.file()));
                session.execute(
                        "RENAME TABLE " + staging + " TO " + where.qualified(moving),
                        "renaming " + staging + " to " + where.qualified(moving));
                new PartitionMove(session, load.table(), moving).run(listener);
            } else if (existing.isPresent()) {
                String cols = String.join(
                        ", ", schema.columns().stream().map(Column::quotedName).toList());
                session.execute(
                        "INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM " + staging,
                        "moving the checked rows into " + table
                                + " (not a MergeTree table: rows moved before a failure stay in it)");
            } else {
                session.execute("RENAME TABLE " + staging + " TO " + table, "renaming " + staging + " to " + table);
            }
        } finally {
            session.execute("DROP TABLE IF EXISTS " + staging, "dropping " + staging);
        }
        return new EventLoad.Result(
                table,
                schema,
                existing.isEmpty(),
                false,
                checked.lines,
                checked.rows,
                checked.bad,
                checked.firstBad,
                checked.ignoredFields,
                checked.inserts,
                version,
                warnings);
    }

    /**
     * Finishes the move an earlier load of the same file left unfinished, and loads nothing; refuses
     * to load another file into the table while one is unfinished, since its rows would be lost or
     * loaded twice.
     */
    private Optional<EventLoad.Result> finishEarlierMove(
            EventLoad load, String table, EventSchema schema, String version, EventLoad.Listener listener)
            throws IOException {
        Optional<String> leftover = PartitionMove.leftover(session, load.table());
        if (leftover.isEmpty()) {
            return Optional.empty();
        }
        String moving = leftover.get();
        String qualified = session.location().qualified(moving);
        if (!moving.equals(PartitionMove.movingName(load.table(), FileFingerprint.of(load.file())))) {
            throw LandfallException.usage(
                    "an earlier load of another file into " + table + " did not finish: its checked rows wait in "
                            + qualified,
                    "run that load again to finish it (same --from file), or give those rows up with DROP TABLE "
                            + qualified);
        }
        PartitionMove move = new PartitionMove(session, load.table(), moving);
        long rows = move.rowsLeft();
        move.run(listener);
        return Optional.of(new EventLoad.Result(
                table, schema, false, true, 0, rows, 0, List.of(), List.of(), 0, version, List.of()));
    }

    /** The staging table of a load into {@code table}; a killed run may leave it behind. */
    static String stagingName(String table) {
        return table + "_landfall_loading";
    }

    private static SchemaInference infer(EventLoad load, boolean dateTime64) throws IOException {
        SchemaInference inference = new SchemaInference(dateTime64);
        try (EventLines lines = EventLines.open(load.file())) {
            int seen = 0;
            while (seen < load.sampleLines() && lines.next()) {
                if (!lines.blank()) {
                    inference.observe(lines.bytes(), 0, lines.length());
                    seen++;
                }
            }
        }
        return inference;
    }

    private static boolean sameColumns(EventSchema a, EventSchema b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            Column x = a.columns().get(i);
            Column y = b.columns().get(i);
            if (!x.name().equals(y.name())
                    || !x.type().sql().replace(" ", "").equals(y.type().sql().replace(" ", ""))) {
                return false;
            }
        }
        return true;
    }

    private static final class Checked {
        long lines;
        long rows;
        long bad;
        long inserts;
        final List<String> firstBad = new ArrayList<>();
        List<String> ignoredFields = List.of();
    }

    private Checked checkAndInsert(EventLoad load, EventSchema schema, String staging, EventLoad.Listener listener)
            throws IOException {
        EventRowEncoder encoder = new EventRowEncoder(schema, needsZone(schema) ? session.timezone() : null);
        Checked c = new Checked();
        InsertPipe pipe = new InsertPipe(session, staging, schema.names());
        boolean done = false;
        try (EventLines lines = EventLines.open(load.file())) {
            OutputStream out = pipe.out();
            long batch = 0;
            while (lines.next()) {
                c.lines = lines.number();
                if (c.lines % 10_000 == 0) {
                    listener.checked(c.lines);
                    listener.loaded(pipe.loadedRows(), c.rows);
                }
                if (lines.blank()) {
                    continue;
                }
                try {
                    encoder.encode(lines.bytes(), 0, lines.length(), out);
                } catch (BadEvent e) {
                    c.bad++;
                    if (c.bad > load.skipBad()) {
                        throw LandfallException.usage(
                                load.file() + " line " + lines.number() + ": " + e.getMessage(),
                                load.skipBad() == 0
                                        ? "fix that line, or pass --skip-bad N to leave up to N bad lines out; the"
                                                + " table was left as it was"
                                        : "more than --skip-bad " + load.skipBad()
                                                + " lines are bad; the table was left as it was");
                    }
                    if (c.firstBad.size() < FIRST_BAD) {
                        c.firstBad.add("line " + lines.number() + ": " + e.getMessage());
                    }
                    continue;
                }
                c.rows++;
                if (++batch >= load.batchRows()) {
                    pipe.endBatch(batch);
                    batch = 0;
                }
            }
            if (batch > 0) {
                pipe.endBatch(batch);
            }
            c.inserts = pipe.finish();
            done = true;
        } finally {
            if (!done) {
                pipe.abort();
            }
        }
        listener.checked(c.lines);
        listener.loaded(c.rows, c.rows);
        c.ignoredFields = encoder.ignoredFields();
        return c;
    }

    private static boolean needsZone(EventSchema schema) {
        return schema.columns().stream()
                .anyMatch(c -> c.type().kind() == ColumnType.Kind.DATETIME64
                        && c.type().zone().isEmpty());
    }
}
