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
import java.util.Locale;
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

    private Scope scope;
    private long startMillis;
    private long lastPrintMillis;
    private long compared;
    private long changed;
    private long bytes;
    private ApiUsage atStart = ApiUsage.ZERO;

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
        this.scope = scope;
        this.compared = 0;
        this.changed = 0;
        this.bytes = 0;
        this.startMillis = clock.millis();
        this.lastPrintMillis = startMillis;
        this.atStart = api.map(Supplier::get).orElse(ApiUsage.ZERO);
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
        compared++;
        if (change.kind() != ChangeKind.UNCHANGED) {
            changed++;
        }
        if (change.after() != null) {
            bytes += change.after().value().length;
        }
        if (quiet) {
            return;
        }
        long now = clock.millis();
        if (now - lastPrintMillis >= (tty ? TTY_EVERY : PLAIN_EVERY).toMillis()) {
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
        String line = verb + ": " + name(scope) + ": " + counts(Math.max(1e-3, (clock.millis() - startMillis) / 1e3))
                + (finished
                        ? String.format(Locale.ROOT, " (done in %.1f s)", (clock.millis() - startMillis) / 1e3)
                        : "");
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

    private String counts(double seconds) {
        if (api.isEmpty()) {
            return String.format(
                    Locale.ROOT, "%d keys compared, %d changed, %.0f keys/s", compared, changed, compared / seconds);
        }
        ApiUsage now = api.get().get();
        return String.format(
                Locale.ROOT,
                "%d keys, %s, %.0f keys/s, %d requests, %d 429s",
                compared,
                ByteSize.format(bytes),
                compared / seconds,
                now.requests() - atStart.requests(),
                now.rateLimited() - atStart.rateLimited());
    }

    private static String name(Scope scope) {
        return scope instanceof KvNamespace ns ? "kv " + VisibleText.of(ns.title()) : scope.describe();
    }
}
