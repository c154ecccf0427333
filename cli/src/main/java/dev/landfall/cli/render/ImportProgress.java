package dev.landfall.cli.render;

import dev.landfall.core.copy.ImportListener;
import dev.landfall.core.copy.ScopeImportResult;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of an import on stderr: keys compared and written per scope with the rate. On a
 * terminal one line is redrawn in place a few times a second; otherwise a plain line every few
 * seconds, so CI logs stay readable.
 */
public final class ImportProgress implements ImportListener {
    private static final Duration TTY_EVERY = Duration.ofMillis(250);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private final Clock clock;
    private final String verb;

    private Scope scope;
    private long startMillis;
    private long lastPrintMillis;
    private long compared;
    private long written;

    /**
     * @param verb the command's name, which starts every line ({@code import})
     * @param tty redraw in place (a terminal) or print plain periodic lines
     * @param quiet print nothing (for {@code --json})
     */
    public ImportProgress(String verb, PrintStream err, boolean tty, boolean quiet, Clock clock) {
        this.verb = Objects.requireNonNull(verb, "verb");
        this.err = Objects.requireNonNull(err, "err");
        this.tty = tty;
        this.quiet = quiet;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void scopeStarted(Scope scope, boolean resumed) {
        this.scope = scope;
        this.compared = 0;
        this.written = 0;
        this.startMillis = clock.millis();
        this.lastPrintMillis = startMillis;
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
            written++;
        }
        if (quiet || (compared & 255) != 0) {
            return;
        }
        long now = clock.millis();
        if (now - lastPrintMillis >= (tty ? TTY_EVERY : PLAIN_EVERY).toMillis()) {
            lastPrintMillis = now;
            print(false);
        }
    }

    @Override
    public void scopeFinished(ScopeImportResult result) {
        if (!quiet) {
            print(true);
        }
    }

    private void print(boolean finished) {
        double seconds = Math.max(1e-3, (clock.millis() - startMillis) / 1e3);
        String line = String.format(
                Locale.ROOT,
                "%s: %s: %d keys compared, %d changed, %.0f keys/s%s",
                verb,
                name(scope),
                compared,
                written,
                compared / seconds,
                finished ? String.format(Locale.ROOT, " (done in %.1f s)", seconds) : "");
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

    static String name(Scope scope) {
        return scope instanceof KvNamespace ns ? "kv " + ns.title() : scope.describe();
    }
}
