package dev.landfall.cli.render;

import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.text.VisibleText;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Progress of a copy on stderr, per scope: for an export, keys, bytes, the rate and the API
 * requests and 429s it cost; for an import, keys compared and changed and the rate. On a terminal
 * one line is redrawn in place a few times a second; otherwise a plain line every few seconds, so
 * CI logs stay readable.
 */
public final class CopyProgress implements CopyListener {
    private static final Duration TTY_EVERY = Duration.ofMillis(250);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final String verb;
    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private final Clock clock;
    private final Optional<Supplier<ApiUsage>> api;

    /**
     * The scopes under way, each with its own counts: an export of Durable Objects copies several
     * at once and their calls interleave (one at a time, through ConcurrentCopy's serialized
     * listener), so one set of counts would give one object's keys to whichever started last.
     */
    private final Map<Scope, Running> running = new HashMap<>();

    /** One scope's counts since it started. */
    private static final class Running {
        final long startMillis;
        final ApiUsage atStart;
        long lastPrintMillis;
        long compared;
        long changed;
        long bytes;

        Running(long startMillis, ApiUsage atStart) {
            this.startMillis = startMillis;
            this.lastPrintMillis = startMillis;
            this.atStart = atStart;
        }
    }

    /**
     * @param verb the command's name, which starts every line ({@code export}, {@code import})
     * @param tty redraw in place (a terminal) or print plain periodic lines
     * @param quiet print nothing (for {@code --json})
     * @param api the API usage so far, for an export; empty for a copy that spends none
     */
    public CopyProgress(
            String verb, PrintStream err, boolean tty, boolean quiet, Clock clock, Optional<Supplier<ApiUsage>> api) {
        this.verb = Objects.requireNonNull(verb, "verb");
        this.err = Objects.requireNonNull(err, "err");
        this.tty = tty;
        this.quiet = quiet;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void scopeStarted(Scope scope, boolean resumed) {
        running.put(scope, start());
        if (!quiet && !tty) {
            err.println(verb + ": " + name(scope) + (resumed ? ": resuming after the last checkpoint" : ": started"));
        }
    }

    @Override
    public void scopeSkipped(Scope scope) {
        if (!quiet) {
            err.println(verb + ": " + name(scope) + ": already complete in an earlier run, skipped");
        }
    }

    @Override
    public void keyCompared(Scope scope, KeyChange change) {
        Running r = running.computeIfAbsent(scope, s -> start());
        r.compared++;
        if (change.kind() != ChangeKind.UNCHANGED) {
            r.changed++;
        }
        if (change.after() != null) {
            r.bytes += change.after().value().length;
        }
        if (quiet) {
            return;
        }
        long now = clock.millis();
        if (now - r.lastPrintMillis >= (tty ? TTY_EVERY : PLAIN_EVERY).toMillis()) {
            r.lastPrintMillis = now;
            print(scope, r, false);
        }
    }

    @Override
    public void scopeFinished(ScopeCopyResult result) {
        Running r = running.remove(result.scope());
        if (!quiet && r != null) {
            print(result.scope(), r, true);
        }
    }

    private Running start() {
        return new Running(clock.millis(), api.map(Supplier::get).orElse(ApiUsage.ZERO));
    }

    private void print(Scope scope, Running r, boolean finished) {
        double seconds = (clock.millis() - r.startMillis) / 1e3;
        String line = verb + ": " + name(scope) + ": " + counts(r, Math.max(1e-3, seconds))
                + (finished ? String.format(Locale.ROOT, " (done in %.1f s)", seconds) : "");
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

    private String counts(Running r, double seconds) {
        if (api.isEmpty()) {
            return String.format(
                    Locale.ROOT,
                    "%d keys compared, %d changed, %.0f keys/s",
                    r.compared,
                    r.changed,
                    r.compared / seconds);
        }
        ApiUsage now = api.get().get();
        return String.format(
                Locale.ROOT,
                "%d keys, %s, %.0f keys/s, %d requests, %d 429s",
                r.compared,
                ByteSize.format(r.bytes),
                r.compared / seconds,
                now.requests() - r.atStart.requests(),
                now.rateLimited() - r.atStart.rateLimited());
    }

    private static String name(Scope scope) {
        return scope instanceof KvNamespace ns ? "kv " + VisibleText.of(ns.title()) : scope.describe();
    }
}
