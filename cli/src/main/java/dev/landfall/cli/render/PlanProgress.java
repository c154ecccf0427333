package dev.landfall.cli.render;

import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.diff.Planner;
import dev.landfall.core.diff.ScopePlan;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.ScopeLabel;
import java.io.PrintStream;
import java.util.Locale;

/** A plan's progress on stderr: keys compared per scope every few seconds, quiet when a person would not want it. */
public final class PlanProgress implements Planner.Listener {
    private final PrintStream err;
    private final boolean quiet;
    private long compared;
    private long lastPrint;

    /**
     * @param terminal whether stderr is a terminal
     * @param showsOnStdout whether the text plan itself goes to stdout
     */
    public PlanProgress(PrintStream err, boolean terminal, boolean showsOnStdout) {
        this.err = err;
        // A text plan on a terminal is read right there: progress lines would only interleave.
        this.quiet = showsOnStdout && terminal;
    }

    @Override
    public void scopeStarted(Scope scope) {
        compared = 0;
        lastPrint = System.nanoTime();
    }

    @Override
    public void keyCompared(Scope scope, KeyChange change) {
        compared++;
        if (!quiet && (compared & 4095) == 0 && System.nanoTime() - lastPrint > 5_000_000_000L) {
            lastPrint = System.nanoTime();
            err.printf(Locale.ROOT, "plan: %s: %d keys compared%n", ScopeLabel.of(scope), compared);
        }
    }

    @Override
    public void scopeFinished(ScopePlan plan) {}
}
