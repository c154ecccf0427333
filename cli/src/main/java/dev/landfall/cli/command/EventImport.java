package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.option.ScopeOptions;
import dev.landfall.cli.option.WriteModeOptions;
import dev.landfall.cli.render.EventLoadProgress;
import dev.landfall.cli.render.EventLoadSummary;
import dev.landfall.core.error.LandfallException;
import dev.landfall.store.clickhouse.EventImporter;
import dev.landfall.store.clickhouse.EventLoad;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * The cli side of {@code landfall import --from events:FILE --to clickhouse://… --table T}: the
 * {@link EventImporter} does the work; this refuses the flags that only mean something for entries,
 * and prints progress on stderr and the summary on stdout.
 */
final class EventImport {
    private final CliContext context;
    private final Clock clock;

    EventImport(CliContext context, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static boolean matches(String from) {
        return EventImporter.matches(from);
    }

    /** Refuses {@code --kv}, {@code --do} and {@code --mode}: they select and write entries, not events. */
    static void refuseEntryFlags(ScopeOptions scopes, WriteModeOptions mode) {
        if (scopes.any()) {
            throw LandfallException.usage("--kv and --do select scopes of a store, not events", "leave them out");
        }
        if (mode.given()) {
            // Events are only ever appended: a mode that promised deletes or no overwrites would be a lie.
            throw LandfallException.usage(
                    "--mode " + mode.mode().flag() + " does not apply to events: they are appended to --table",
                    "leave --mode out");
        }
    }

    /** Runs the load; returns the exit code. */
    int run(EventImporter.Options options, boolean json) throws IOException {
        EventLoad.Listener progress = json ? new EventLoad.Listener() {} : new EventLoadProgress(context.err(), clock);
        EventImporter.Outcome outcome = new EventImporter(clock).run(options, progress);
        new EventLoadSummary(options.from(), options.to().toString(), outcome.result(), outcome.seconds())
                .print(context.out(), json);
        return 0;
    }
}
