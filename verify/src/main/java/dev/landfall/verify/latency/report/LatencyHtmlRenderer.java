package dev.landfall.verify.latency.report;

import dev.landfall.core.report.HtmlPage;
import dev.landfall.core.report.HtmlText;
import dev.landfall.core.report.ReportRenderer;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.EndpointStats;
import dev.landfall.verify.latency.Mismatch;
import dev.landfall.verify.latency.ParitySummary;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.slo.SloCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A dual run as one self-contained HTML file: the verdict, a latency table, an inline SVG plot of
 * latency by percentile for both endpoints, the SLO terms and the mismatch table. No script and
 * no external asset, so it opens anywhere, offline, and can be attached to a change ticket.
 */
public final class LatencyHtmlRenderer implements ReportRenderer<DualRunResult> {
    @Override
    public void render(DualRunResult r, PrintWriter out) {
        HtmlPage.open(
                out,
                "Landfall dual run",
                "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem}",
                "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}",
                "code{font-family:ui-monospace,Menlo,Consolas,monospace}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}",
                ".pass{color:#2e7d32;font-weight:600}.breach{color:#c62828;font-weight:600}.verdict{font-size:1.15rem}");
        out.printf(
                Locale.ROOT,
                "<p class=\"verdict\" id=\"verdict\">Verdict: <span class=\"%s\">%s</span></p>%n",
                r.passed() ? "pass" : "breach",
                r.passed() ? "pass" : "SLO breach");
        out.printf(
                Locale.ROOT,
                "<p>%s; achieved %s pairs/s%s. Requests from <code>%s</code>, started %s.</p>%n",
                Numbers.load(r),
                Numbers.rate(r.achievedRate()),
                r.stopped() ? " (stopped early)" : "",
                e(r.corpus()),
                e(r.startedAt().toString()));
        r.samples().ifPresent(w -> out.println("<p id=\"samples\">" + e(LatencyTextRenderer.samplesLine(w)) + "</p>"));
        out.println("<table id=\"latency\"><thead><tr><th></th><th>URL</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th><th>req/s</th><th>errors</th></tr></thead><tbody>");
        row(out, "baseline", r.baseline());
        row(out, "candidate", r.candidate());
        out.println("<tr><td>speedup</td><td></td>" + numbers(Numbers.speedupRow(r)) + "<td></td><td></td></tr>");
        out.println("</tbody></table>");
        out.println(
                "<p>Latency in milliseconds from each request's intended send time (coordinated omission corrected).</p>");
        out.println("<p id=\"lateness\">Generator lateness (sent after the intended time): "
                + e(Numbers.lateness(r.lateness())) + ".</p>");
        r.latenessWarning()
                .ifPresent(w -> out.println("<p class=\"breach\" id=\"lateness-warning\">Warning: " + e(w) + ".</p>"));
        PercentilePlot.render(r.baseline().curve(), r.candidate().curve(), out);
        out.println("<h2>SLO</h2>");
        out.println("<table id=\"slo\"><thead><tr><th>term</th><th>actual</th><th>result</th></tr></thead><tbody>");
        for (SloCheck c : r.verdict().checks()) {
            out.printf(
                    "<tr><td><code>%s</code></td><td class=\"n\">%s</td><td class=\"%s\">%s</td></tr>%n",
                    e(c.term().text()), e(c.actualText()), c.passed() ? "pass" : "breach", c.passed() ? "ok" : "FAIL");
        }
        out.println("</tbody></table>");
        parity(out, r.parity());
        HtmlPage.close(out);
    }

    private static void row(PrintWriter out, String name, EndpointStats s) {
        out.println("<tr><td>" + name + "</td><td><code>" + e(s.url()) + "</code></td>" + numbers(Numbers.latencyRow(s))
                + "</tr>");
    }

    private static String numbers(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (String c : cells) {
            sb.append("<td class=\"n\">").append(c).append("</td>");
        }
        return sb.toString();
    }

    private static void parity(PrintWriter out, ParitySummary p) {
        out.println("<h2>Parity</h2>");
        out.printf(
                Locale.ROOT,
                "<p id=\"parity\">%d of %d answers differ (%s); %d pairs not compared.</p>%n",
                p.mismatches(),
                p.compared(),
                Numbers.percent(p.mismatchRate()),
                p.notCompared());
        if (!p.noisePaths().isEmpty()) {
            out.println("<p>Noise ignored (differs between two baseline answers): <code>"
                    + e(String.join(", ", p.noisePaths())) + "</code></p>");
        }
        if (!p.ignoredPaths().isEmpty()) {
            out.println("<p>Ignored as asked: <code>" + e(String.join(", ", p.ignoredPaths())) + "</code></p>");
        }
        if (p.examples().isEmpty()) {
            return;
        }
        out.println("<table id=\"mismatches\"><thead><tr><th>#</th><th>request</th><th>status</th><th>path</th>"
                + "<th>baseline</th><th>candidate</th></tr></thead><tbody>");
        for (Mismatch m : p.examples()) {
            boolean first = true;
            for (Difference d : m.differences()) {
                out.printf(
                        Locale.ROOT,
                        "<tr><td>%s</td><td><code>%s</code></td><td>%s</td><td><code>%s</code></td><td><code>%s</code></td><td><code>%s</code></td></tr>%n",
                        first ? Long.toString(m.index()) : "",
                        first ? e(m.request()) : "",
                        first ? m.baselineStatus() + " / " + m.candidateStatus() : "",
                        e(d.path()),
                        e(d.baseline()),
                        e(d.candidate()));
                first = false;
            }
        }
        if (p.mismatches() > p.examples().size()) {
            out.printf(
                    Locale.ROOT,
                    "<tr><td colspan=\"6\">… and %d more</td></tr>%n",
                    p.mismatches() - p.examples().size());
        }
        out.println("</tbody></table>");
    }

    private static String e(String s) {
        return HtmlText.escape(s);
    }
}
