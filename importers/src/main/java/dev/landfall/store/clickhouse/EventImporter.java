package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code landfall import --from events:FILE --to clickhouse://… --table T} as a library: an NDJSON
 * event file (gzip'd or not) into a ClickHouse table, the schema declared, read from the table or
 * inferred. Every input is checked by {@link Options#of} before any I/O.
 */
public final class EventImporter {
    /** The source prefix of an event file. */
    public static final String PREFIX = "events:";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final Clock clock;

    /**
     * A checked event import.
     *
     * @param from the {@code --from} text, for reports
     * @param to where the events go, password masked in {@code toString()}
     * @param load what the sink is asked to do
     */
    public record Options(String from, ClickHouseLocation to, EventLoad load) {
        public Options {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(load, "load");
        }

        /**
         * Checks the flags of an event import, naming each flag in its error.
         *
         * @param from {@code events:FILE}
         * @param to {@code clickhouse://…}
         * @param table the table ({@code --table}), required
         * @param schema the declared schema ({@code --schema}), if any
         * @param skipBad bad lines that may be left out ({@code --skip-bad})
         * @param batchRows rows per INSERT ({@code --batch}); empty for the default
         * @param env the environment (the ClickHouse password may come from it)
         * @throws LandfallException USAGE for a bad flag
         */
        public static Options of(
                String from,
                String to,
                String table,
                Optional<String> schema,
                long skipBad,
                Optional<Integer> batchRows,
                Map<String, String> env) {
            if (!matches(from)) {
                throw LandfallException.usage("--from " + from + " is not an event file", "write it as events:FILE");
            }
            String file = from.substring(PREFIX.length());
            if (file.isBlank()) {
                throw LandfallException.usage("--from events: names no file", "write it as events:FILE.ndjson[.gz]");
            }
            if (!ClickHouseLocation.matches(to)) {
                throw LandfallException.usage(
                        "--from " + from + " loads into ClickHouse, not into " + to,
                        "write --to as " + ClickHouseLocation.FORM);
            }
            if (table == null) {
                throw LandfallException.usage("--table is missing", "name the table the events go to: --table NAME");
            }
            if (!TABLE.matcher(table).matches()) {
                throw LandfallException.usage(
                        "--table '" + table + "' is not a plain table name",
                        "use letters, digits and underscores, not starting with a digit (the database is in --to)");
            }
            if (skipBad < 0) {
                throw LandfallException.usage("--skip-bad " + skipBad + " is negative", "use 0 or more");
            }
            int batch = batchRows.orElse(EventLoad.DEFAULT_BATCH_ROWS);
            if (batch < 1) {
                throw LandfallException.usage("--batch " + batch + " is not a row count", "use 1 or more");
            }
            schema.ifPresent(EventSchema::parse); // a bad --schema is reported before any I/O
            ClickHouseLocation location = ClickHouseLocation.parse(to, env);
            return new Options(
                    from,
                    location,
                    new EventLoad(Path.of(file), table, schema, skipBad, batch, EventLoad.DEFAULT_SAMPLE_LINES));
        }
    }

    /**
     * How an import went.
     *
     * @param result the load's counts
     * @param seconds how long it took
     */
    public record Outcome(EventLoad.Result result, double seconds) {}

    public EventImporter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@code from} names an event file ({@code events:…}, any case). */
    public static boolean matches(String from) {
        return from.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Loads the file; blocks on the calling thread.
     *
     * @param listener progress, called on the calling thread
     * @throws LandfallException from the server or the file, as {@link ClickHouseEventSink#load}
     * @throws IOException when the file cannot be read
     */
    public Outcome run(Options options, EventLoad.Listener listener) throws IOException {
        long started = clock.millis();
        EventLoad.Result r;
        try (ClickHouseSession session = ClickHouseSession.open(options.to())) {
            r = new ClickHouseEventSink(session).load(options.load(), listener);
        }
        return new Outcome(r, (clock.millis() - started) / 1000.0);
    }
}
