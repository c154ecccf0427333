package dev.landfall.cli.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.text.VisibleText;
import dev.landfall.store.clickhouse.EventLoad;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@code landfall import --from events:…} prints at the end: a few lines of text, or one JSON
 * document.
 *
 * @param from the {@code --from} value
 * @param to the ClickHouse store
 * @param result what the load did
 * @param seconds how long it took
 */
public record EventLoadSummary(String from, String to, EventLoad.Result result, double seconds) implements Summary {
    @Override
    public void text(PrintStream out) {
        EventLoad.Result r = result;
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

    @Override
    public void json(PrintStream out) {
        EventLoad.Result r = result;
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
        out.println(JsonReport.compact(root));
    }
}
