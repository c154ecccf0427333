package dev.landfall.cli.render;

import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.ByteSize;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Progress of an export on stderr. On a terminal one line per scope is redrawn in place a few
 * times a second; otherwise a plain line is printed every few seconds, so CI logs stay readable.
 * Totals are unknown while listing, so it shows rates and counts, never an ETA.
 */
public final class ExportProgress implements CopyListener {
    /** Requests and 429s so far, from the API client. */
    public record ApiCounts(long requests, long rateLimited) {}

    private static final Duration TTY_EVERY = Duration.ofMillis(250);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private final Clock clock;
    private final Supplier<ApiCounts> api;

    private Scope scope;
    private long scopeStartMillis;
    private long entries;
    private long bytes;
    private ApiCounts atStart = new ApiCounts(0, 0);
    private long lastPrintMillis;

    /**
     * @param err where progress goes
     * @param tty redraw in place (a terminal) or print plain periodic lines
     * @param quiet print nothing (for {@code --json})
     */
    public ExportProgress(PrintStream err, boolean tty, boolean quiet, Clock clock, Supplier<ApiCounts> api) {
        this.err = Objects.requireNonNull(err, "err");
        this.tty = tty;
        this.quiet = quiet;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void scopeStarted(Scope scope, boolean resumed) {
        this.scope = scope;
        this.entries = 0;
        this.bytes = 0;
        this.scopeStartMillis = clock.millis();
        this.atStart = api.get();
        this.lastPrintMillis = clock.millis();
        if (!quiet && !tty) {
            err.println("export: " + name(scope) + (resumed ? ": resuming after the last checkpoint" : ": started"));
        }
    }

    @Override
    public void scopeSkipped(Scope scope) {
        if (!quiet) {
            err.println("export: " + name(scope) + ": already complete in an earlier run, skipped");
        }
    }

    @Override
    public void entryCopied(Scope scope, Entry entry) {
        entries++;
        bytes += entry.value().length;
        long now = clock.millis();
        Duration every = tty ? TTY_EVERY : PLAIN_EVERY;
        if (!quiet && now - lastPrintMillis >= every.toMillis()) {
            lastPrintMillis = now;
            print(false);
        }
    }

    @Override
    public void scopeFinished(ScopeCopyResult result) {
        if (!quiet) {
            print(true);
        }
    }

    private void print(boolean finished) {
        String line = line(finished);
        if (tty) {
            err.print("\r\033[2K" + line);
            if (finished) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String line(boolean finished) {
        double seconds = Math.max(1e-3, (clock.millis() - scopeStartMillis) / 1e3);
        ApiCounts now = api.get();
        return String.format(
                Locale.ROOT,
                "export: %s: %d keys, %s, %.0f keys/s, %d requests, %d 429s%s",
                name(scope),
                entries,
                ByteSize.format(bytes),
                entries / seconds,
                now.requests() - atStart.requests(),
                now.rateLimited() - atStart.rateLimited(),
                finished ? String.format(Locale.ROOT, " (done in %.1f s)", seconds) : "");
    }

    private static String name(Scope scope) {
        return scope instanceof KvNamespace ns ? "kv " + ns.title() : scope.describe();
    }
}
