package dev.landfall.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cli.CliContext;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.text.VisibleText;
import dev.landfall.store.clickhouse.EventImporter;
import dev.landfall.store.clickhouse.EventLoad;
import dev.landfall.store.clickhouse.EventSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * The cli side of {@code landfall import --from events:FILE --to clickhouse://… --table T}: the
 * {@link EventImporter} does the work; this prints progress on stderr and the summary on stdout.
 */
final class EventImport {
    private static final long PRINT_EVERY_MILLIS = 2000;

    private final CliContext context;
    private final Clock clock;

    EventImport(CliContext context, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static boolean matches(String from) {
        return EventImporter.matches(from);
    }

    /** Runs the load; returns the exit code. */
    int run(EventImporter.Options options, boolean json) throws IOException {
        EventImporter.Outcome outcome = new EventImporter(clock).run(options, new Progress(context.err(), json, clock));
        if (json) {
            printJson(options.from(), options.to().toString(), outcome.result(), outcome.seconds());
        } else {
            printText(options.from(), options.to().toString(), outcome.result(), outcome.seconds());
        }
        return 0;
    }

    private void printText(String from, String to, EventLoad.Result r, double seconds) {
        PrintStream out = context.out();
        if (r.finished()) {
            out.printf(
                    Locale.ROOT,
                    "Finished an earlier load of %s into %s table %s: moved the %d checked rows still waiting,"
                            + " read nothing again, in %.1f s%n",
                    from,
                    to,
                    r.table(),
                    r.rows(),
                    seconds);
            return;
        }
        out.printf(
                Locale.ROOT,
                "Loaded %d events from %s into %s table %s%s in %.1f s (%.0f rows/s)%n",
                r.rows(),
                from,
                to,
                r.table(),
                r.created() ? " (created)" : "",
                seconds,
                seconds > 0 ? r.rows() / seconds : 0.0);
        out.printf(
                Locale.ROOT,
                "  columns: %s; %s%n",
                VisibleText.of(r.schema().columnsSql()),
                r.created() ? r.schema().orderBySql() : "table as it was");
        out.printf(
                Locale.ROOT,
                "  %d lines read, %d rows in %d INSERTs, %d bad lines left out; server %s%n",
                r.lines(),
                r.rows(),
                r.inserts(),
                r.badLines(),
                r.serverVersion());
        for (String bad : r.firstBad()) {
            out.println("  bad: " + VisibleText.of(bad));
        }
        if (!r.ignoredFields().isEmpty()) {
            out.println("  fields the table has no column for were left out: "
                    + VisibleText.of(String.join(", ", r.ignoredFields())));
        }
        for (String w : r.warnings()) {
            out.println("  warning: " + VisibleText.of(w));
        }
    }

    private void printJson(String from, String to, EventLoad.Result r, double seconds) {
        ObjectNode root = JsonReport.newDocument();
        root.put("from", from);
        root.put("to", to);
        root.put("table", r.table());
        root.put("created", r.created());
        root.put("finished", r.finished());
        root.put("columns", r.schema().columnsSql());
        root.put("lines", r.lines());
        root.put("rows", r.rows());
        root.put("badLines", r.badLines());
        r.firstBad().forEach(root.putArray("firstBad")::add);
        r.ignoredFields().forEach(root.putArray("ignoredFields")::add);
        r.warnings().forEach(root.putArray("warnings")::add);
        root.put("inserts", r.inserts());
        root.put("serverVersion", r.serverVersion());
        root.put("seconds", JsonReport.seconds(seconds));
        context.out().println(JsonReport.compact(root));
    }

    /** Phases and counts on stderr, a line every two seconds at most. */
    private static final class Progress implements EventLoad.Listener {
        private final PrintStream err;
        private final boolean quiet;
        private final Clock clock;
        private long last;

        Progress(PrintStream err, boolean quiet, Clock clock) {
            this.err = err;
            this.quiet = quiet;
            this.clock = clock;
            this.last = clock.millis();
        }

        @Override
        public void schemaReady(EventSchema schema, boolean inferred, boolean tableExists) {
            if (!quiet) {
                String how = tableExists ? "the table's columns" : inferred ? "inferred columns" : "declared columns";
                // Column names come from the file's fields.
                err.println("import: " + how + ": " + VisibleText.of(schema.columnsSql()));
            }
        }

        @Override
        public void moving(int index, int of) {
            every("import: moving partition " + (index + 1) + " of " + of + " into the table");
        }

        @Override
        public void checked(long lines) {
            every("import: checked " + lines + " lines");
        }

        @Override
        public void loaded(long rows, long total) {
            every("import: loaded " + rows + " of " + total + " rows");
        }

        private void every(String line) {
            long now = clock.millis();
            if (!quiet && now - last >= PRINT_EVERY_MILLIS) {
                last = now;
                err.println(line);
            }
        }
    }
}
