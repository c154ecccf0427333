package dev.landfall.verify.latency.report;

import dev.landfall.core.report.DurationLabel;
import dev.landfall.core.report.ReportRenderer;
import dev.landfall.core.text.VisibleText;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.Mismatch;
import dev.landfall.verify.latency.ParitySummary;
import dev.landfall.verify.latency.SampleDestination;
import dev.landfall.verify.latency.SamplesWritten;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.slo.SloCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A dual run for a person: a latency table, the parity, and the SLO verdict last. */
public final class LatencyTextRenderer implements ReportRenderer<DualRunResult> {
    private static final String ROW = "%-10s %9s %9s %9s %9s %9s %10s %8s%n";
    private static final String SPEEDUP_ROW = "%-10s %9s %9s %9s %9s %9s%n";

    @Override
    public void render(DualRunResult r, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Dual run: %s%s%n",
                Numbers.load(r),
                r.stopped() ? " (stopped early after " + DurationLabel.seconds(r.measured()) + ")" : "");
        out.printf(
                Locale.ROOT, "  requests from %s; achieved %s pairs/s%n%n", r.corpus(), Numbers.rate(r.achievedRate()));
        List<String> header = new ArrayList<>(Numbers.PERCENTILES);
        header.addAll(List.of("req/s", "errors"));
        out.printf(Locale.ROOT, ROW, cells("", header));
        out.printf(Locale.ROOT, ROW, cells("baseline", Numbers.latencyRow(r.baseline())));
        out.printf(Locale.ROOT, ROW, cells("candidate", Numbers.latencyRow(r.candidate())));
        out.printf(Locale.ROOT, SPEEDUP_ROW, cells("speedup", Numbers.speedupRow(r)));
        out.println("  (latency in ms from each request's intended send time)");
        out.println("  generator lateness (sent after the intended time): " + Numbers.lateness(r.lateness()));
        r.latenessWarning().ifPresent(w -> out.println("  WARNING: " + w + "."));
        out.printf(Locale.ROOT, "  baseline   %s%n", r.baseline().url());
        out.printf(Locale.ROOT, "  candidate  %s%n%n", r.candidate().url());
        parity(out, r.parity());
        out.println();
        out.println("SLO " + r.verdict().slo() + ":");
        for (SloCheck c : r.verdict().checks()) {
            out.printf(
                    Locale.ROOT,
                    "  %-4s %-22s actual %s%n",
                    c.passed() ? "ok" : "FAIL",
                    c.term().text(),
                    c.actualText());
        }
        out.println(
                r.passed()
                        ? "Verdict: pass."
                        : "Verdict: BREACH (" + r.verdict().breaches().size() + " of "
                                + r.verdict().checks().size() + " terms failed).");
        r.samples().ifPresent(w -> out.println(samplesLine(w)));
        out.flush();
    }

    /** One line on the stored samples; shared with the HTML report. */
    public static String samplesLine(SamplesWritten w) {
        SampleDestination d = w.destination();
        String where = "run " + d.runId() + " region " + d.region() + ": " + w.written() + " samples written to "
                + d.target() + " table " + d.table();
        return w.complete()
                ? "Samples: " + where + "."
                : "Samples: " + where + "; " + w.lost() + " LOST"
                        + (w.error().isEmpty() ? " (the queue was full)" : " (" + w.error() + ")") + ".";
    }

    private static Object[] cells(String first, List<String> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all.toArray();
    }

    private static void parity(PrintWriter out, ParitySummary p) {
        out.printf(
                Locale.ROOT,
                "Parity: %d of %d answers differ (%s)%s%n",
                p.mismatches(),
                p.compared(),
                Numbers.percent(p.mismatchRate()),
                p.notCompared() == 0 ? "" : "; " + p.notCompared() + " pairs not compared (a side failed)");
        if (!p.noisePaths().isEmpty()) {
            out.println("  noise ignored (differs between two baseline answers): "
                    + VisibleText.of(String.join(", ", p.noisePaths())));
        }
        if (!p.ignoredPaths().isEmpty()) {
            out.println("  ignored as asked: " + VisibleText.of(String.join(", ", p.ignoredPaths())));
        }
        for (Mismatch m : p.examples()) {
            out.printf(
                    Locale.ROOT,
                    "  #%d %s: status %d vs %d%n",
                    m.index(),
                    VisibleText.of(m.request()),
                    m.baselineStatus(),
                    m.candidateStatus());
            for (Difference d : m.differences()) {
                // Paths and values come from the services' answers: shown, never acted on.
                out.printf(
                        Locale.ROOT,
                        "      %s: %s -> %s%n",
                        VisibleText.of(d.path()),
                        VisibleText.of(d.baseline()),
                        VisibleText.of(d.candidate()));
            }
        }
        if (p.mismatches() > p.examples().size()) {
            out.printf(
                    Locale.ROOT,
                    "  … and %d more%n",
                    p.mismatches() - p.examples().size());
        }
    }
}
