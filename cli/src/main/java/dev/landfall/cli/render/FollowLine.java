package dev.landfall.cli.render;

import dev.landfall.core.run.FollowListener;
import dev.landfall.core.run.FollowProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * A follower's lag on stderr: redrawn in place about once a second on a terminal, a plain line
 * every ten seconds otherwise (and whenever the follower falls behind or catches up).
 */
public final class FollowLine implements FollowListener {
    private final PrintStream err;
    private final boolean tty;
    private final Clock clock;
    private long lastPrinted;
    private boolean printed;
    private long appliedAtLastPrint;
    private boolean wasCaughtUp = true;

    public FollowLine(PrintStream err, boolean tty, Clock clock) {
        this.err = err;
        this.tty = tty;
        this.clock = clock;
        this.lastPrinted = clock.millis();
    }

    @Override
    public void round(FollowProgress p) {
        long now = clock.millis();
        if (p.appliedTotal() < appliedAtLastPrint) {
            appliedAtLastPrint = 0; // a new follower of the same run (--final's drain) counts from 0
        }
        boolean caughtUp = p.lagChanges() == 0;
        long every = tty ? 1000 : 10_000;
        // The first round always shows: following has begun, and the full load is behind it.
        if (printed && now - lastPrinted < every && caughtUp == wasCaughtUp) {
            return;
        }
        printed = true;
        double seconds = Math.max(0.001, (now - lastPrinted) / 1000.0);
        String line = String.format(
                Locale.ROOT,
                "follow: %,d applied (%,.0f/s), lag %,d change(s), %.1f s%s",
                p.appliedTotal(),
                (p.appliedTotal() - appliedAtLastPrint) / seconds,
                p.lagChanges(),
                p.lagSeconds(),
                p.waiting() > 0 ? " (" + p.waiting() + " waiting out the consistency window)" : "");
        if (tty) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
        lastPrinted = now;
        appliedAtLastPrint = p.appliedTotal();
        wasCaughtUp = caughtUp;
    }

    @Override
    public void trimFailed(int shard, Exception cause) {
        err.println((tty ? "\r\033[K" : "") + "follow: trimming change-log shard " + shard
                + " failed (retried with the next batch): "
                + dev.landfall.core.text.VisibleText.of(String.valueOf(cause.getMessage())));
    }

    /** Ends a redrawn line before other output. */
    public void finish() {
        if (tty) {
            err.println();
        }
    }
}
