package dev.landfall.cli.render;

import dev.landfall.core.text.VisibleText;
import dev.landfall.store.clickhouse.EventLoad;
import dev.landfall.store.clickhouse.EventSchema;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * What {@code landfall import --from events:…} says while it runs: phases and counts on stderr, a
 * line every two seconds at most. With {@code --json} the command listens with no progress at all.
 */
public final class EventLoadProgress implements EventLoad.Listener {
    private static final long PRINT_EVERY_MILLIS = 2000;

    private final PrintStream err;
    private final Clock clock;
    private long last;

    public EventLoadProgress(PrintStream err, Clock clock) {
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.last = clock.millis();
    }

    @Override
    public void schemaReady(EventSchema schema, boolean inferred, boolean tableExists) {
        String how = tableExists ? "the table's columns" : inferred ? "inferred columns" : "declared columns";
        // Column names come from the file's fields.
        err.println("import: " + how + ": " + VisibleText.of(schema.columnsSql()));
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
        if (now - last >= PRINT_EVERY_MILLIS) {
            last = now;
            err.println(line);
        }
    }
}
