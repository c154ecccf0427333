package dev.landfall.core.report;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.KeyDetail;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.ScopePlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A plan as one self-contained HTML file: inline CSS, an inline SVG bar chart of the changes per
 * scope, a summary table and the listed changes. No script, no external asset, so it opens
 * anywhere, offline, and can be attached to a ticket.
 */
public final class PlanHtmlRenderer implements ReportRenderer<Plan> {
    private static final int BAR_WIDTH = 560;
    private static final int ROW = 26;
    private static final int LABEL = 320;
    private static final String CREATE = "#2e7d32";
    private static final String UPDATE = "#f9a825";
    private static final String DELETE = "#c62828";

    @Override
    public void render(Plan plan, PrintWriter out) {
        HtmlPage.open(
                out,
                "Landfall plan",
                "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem}",
                "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}",
                "code,.k{font-family:ui-monospace,Menlo,Consolas,monospace}.c{color:" + CREATE + "}.u{color:#a06b00}"
                        + ".d{color:" + DELETE + "}",
                "h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}.total{font-size:1.15rem;font-weight:600}");
        out.printf(
                "<p><code>%s</code> &rarr; <code>%s</code>, mode <code>%s</code>, at %s. Nothing has been written.</p>%n",
                e(plan.source()),
                e(plan.store()),
                ReportText.mode(plan.mode()),
                e(plan.at().toString()));
        out.printf("<p class=\"total\" id=\"total\">%s</p>%n", ReportText.headline(plan.totals()));
        chart(plan.scopes(), out);
        out.println("<table id=\"scopes\"><thead><tr><th>scope</th><th>create</th><th>update</th><th>delete</th>"
                + "<th>unchanged</th><th>to write</th></tr></thead><tbody>");
        for (ScopePlan s : plan.scopes()) {
            out.printf(
                    Locale.ROOT,
                    "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                            + "<td class=\"n\">%d</td><td class=\"n\">%s</td></tr>%n",
                    ReportText.scopeRow(e(ScopeLabel.of(s.scope())), s.counts()));
        }
        out.println("</tbody></table>");
        out.println("<ul>");
        for (String note : ReportText.notes(plan)) {
            out.println("<li>" + e(note) + "</li>");
        }
        out.println("</ul>");
        for (ScopePlan s : plan.scopes()) {
            if (s.shown().isEmpty()) {
                continue;
            }
            out.printf(
                    "<h2>%s</h2>%n<table><thead><tr><th></th><th>key</th><th>before</th><th>after</th></tr></thead><tbody>%n",
                    e(ScopeLabel.of(s.scope())));
            for (KeyDetail d : s.shown()) {
                String sign = switch (d.kind()) {
                    case CREATE -> "<span class=\"c\">+</span>";
                    case UPDATE -> "<span class=\"u\">~</span>";
                    case DELETE -> "<span class=\"d\">&minus;</span>";
                    case UNCHANGED -> "";
                };
                out.printf(
                        "<tr><td>%s</td><td class=\"k\">%s</td><td>%s</td><td>%s</td></tr>%n",
                        sign, e(Quoted.of(d.key())), side(d.before()), side(d.after()));
            }
            if (s.notShown() > 0) {
                out.printf(Locale.ROOT, "<tr><td></td><td colspan=\"3\">… and %d more</td></tr>%n", s.notShown());
            }
            out.println("</tbody></table>");
        }
        HtmlPage.close(out);
    }

    private static String side(dev.landfall.core.diff.EntrySide s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(ByteSize.format(s.valueSize()))
                .append(" <code>sha256:")
                .append(s.shortHash())
                .append("</code>");
        if (s.metadataJson() != null) {
            sb.append("<br>metadata <code>")
                    .append(e(ReportText.metadata(s.metadataJson())))
                    .append("</code>");
        }
        if (s.expiration() != null) {
            sb.append("<br>expires ").append(e(ReportText.expiration(s.expiration())));
        }
        return sb.toString();
    }

    /** A horizontal stacked bar per scope, scaled to the largest number of changes. */
    private static void chart(List<ScopePlan> scopes, PrintWriter out) {
        long max = 1;
        for (ScopePlan s : scopes) {
            max = Math.max(max, s.counts().changes());
        }
        int height = ROW * scopes.size() + 40;
        out.printf(
                Locale.ROOT,
                "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"changes per scope\">%n",
                LABEL + BAR_WIDTH + 90,
                height);
        out.println("<title>Changes per scope</title>");
        int y = 10;
        for (ScopePlan s : scopes) {
            ChangeCounts c = s.counts();
            out.printf(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">%s</text>%n",
                    LABEL - 8,
                    y + 14,
                    e(truncate(ScopeLabel.of(s.scope()))));
            double x = LABEL;
            x = bar(out, x, y, c.created(), max, CREATE, "create");
            x = bar(out, x, y, c.updated(), max, UPDATE, "update");
            x = bar(out, x, y, c.deleted(), max, DELETE, "delete");
            out.printf(
                    Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d</text>%n", x + 6, y + 14, c.changes());
            y += ROW;
        }
        int ly = y + 12;
        legend(out, LABEL, ly, CREATE, "create");
        legend(out, LABEL + 90, ly, UPDATE, "update");
        legend(out, LABEL + 180, ly, DELETE, "delete");
        out.println("</svg>");
    }

    private static double bar(PrintWriter out, double x, int y, long n, long max, String colour, String what) {
        if (n == 0) {
            return x;
        }
        double w = Math.max(1.0, BAR_WIDTH * (double) n / max);
        out.printf(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%d to %s</title></rect>%n",
                x,
                y,
                w,
                colour,
                n,
                what);
        return x + w;
    }

    private static void legend(PrintWriter out, int x, int y, String colour, String what) {
        out.printf(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
                x,
                y - 10,
                colour,
                x + 16,
                y,
                what);
    }

    private static String truncate(String s) {
        return s.codePointCount(0, s.length()) <= 40 ? s : s.substring(0, s.offsetByCodePoints(0, 39)) + "…";
    }

    private static String e(String s) {
        return HtmlText.escape(s);
    }
}
