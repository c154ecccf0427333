package dev.landfall.cli.render;

import dev.landfall.core.text.VisibleText;
import dev.landfall.verify.latency.DualRunListener;
import dev.landfall.verify.latency.DualRunProgress;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of {@code verify latency} on stderr: on a terminal one line redrawn every second with
 * the live request rates and running p99 of both endpoints; otherwise a plain line every ten
 * seconds, so CI logs stay readable. Called from the run's timer thread.
 */
public final class LatencyProgress implements DualRunListener {
    private static final long PLAIN_EVERY_SECONDS = 10;

    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private long lastPlainSecond = -1;
    private boolean drew;

    /**
     * @param tty redraw in place (a terminal) or print plain periodic lines
     * @param quiet print nothing (for {@code --json} in scripts)
     */
    public LatencyProgress(PrintStream err, boolean tty, boolean quiet) {
        this.err = Objects.requireNonNull(err, "err");
        this.tty = tty;
        this.quiet = quiet;
    }

    @Override
    public void noiseLearned(int samples, List<String> noisePaths) {
        if (quiet || samples == 0) {
            return;
        }
        err.println("verify latency: sent " + samples + " requests to the baseline twice; noisy fields: "
                + (noisePaths.isEmpty() ? "none" : VisibleText.of(String.join(", ", noisePaths))));
    }

    @Override
    public synchronized void progress(DualRunProgress p) {
        if (quiet) {
            return;
        }
        long second = p.elapsed().toSeconds();
        String line = String.format(
                Locale.ROOT,
                "%5ds %s %d pairs | baseline %5.0f req/s p99 %s | candidate %5.0f req/s p99 %s",
                second,
                p.warmingUp() ? "warm-up" : "measure",
                p.pairsDue(),
                p.baselineRps(),
                ms(p.baselineP99Ms()),
                p.candidateRps(),
                ms(p.candidateP99Ms()));
        if (tty) {
            err.print("\r\033[2K" + line);
            err.flush();
            drew = true;
        } else if (lastPlainSecond < 0 || second - lastPlainSecond >= PLAIN_EVERY_SECONDS) {
            lastPlainSecond = second;
            err.println("verify latency: " + line.strip());
        }
    }

    /** Ends the redrawn line, so what follows starts on its own. */
    public synchronized void finish() {
        if (drew) {
            err.println();
            drew = false;
        }
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fms", v);
    }
}
