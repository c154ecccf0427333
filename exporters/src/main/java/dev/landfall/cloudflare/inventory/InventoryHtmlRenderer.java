package dev.landfall.cloudflare.inventory;

import dev.landfall.core.report.HtmlPage;
import dev.landfall.core.report.HtmlText;
import dev.landfall.core.report.ReportRenderer;
import java.io.PrintWriter;
import java.util.List;

/**
 * An inventory as one self-contained HTML file: inline CSS, no script, no external asset, so it
 * opens anywhere, offline, and can be attached to a ticket.
 */
public final class InventoryHtmlRenderer implements ReportRenderer<InventoryReport> {
    @Override
    public void render(InventoryReport report, PrintWriter out) {
        HtmlPage.open(
                out,
                "Landfall inventory",
                "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
                        + "vertical-align:top}th{background:#f3f3f3;text-align:left}",
                "h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}.verdict{font-weight:600}");
        for (String line : InventoryTables.preamble(report)) {
            out.println("<p>" + e(line) + "</p>");
        }
        out.println("<p class=\"verdict\" id=\"verdict\">Verdict: "
                + e(report.assessment().verdict()) + ". "
                + e(report.assessment().summary()) + "</p>");
        for (ReportTable t : InventoryTables.of(report)) {
            out.println("<h2 id=\"" + t.id() + "\">" + e(t.title()) + "</h2>");
            if (t.rows().isEmpty()) {
                out.println("<p>None.</p>");
            } else {
                out.println("<table><thead><tr>");
                for (String h : t.header()) {
                    out.print("<th>" + e(h) + "</th>");
                }
                out.println("</tr></thead><tbody>");
                for (List<String> r : t.rows()) {
                    out.print("<tr>");
                    for (String c : r) {
                        out.print("<td>" + e(c) + "</td>");
                    }
                    out.println("</tr>");
                }
                out.println("</tbody></table>");
            }
            if (!t.notes().isEmpty()) {
                out.println("<ul>");
                for (String note : t.notes()) {
                    out.println("<li>" + e(note) + "</li>");
                }
                out.println("</ul>");
            }
        }
        HtmlPage.close(out);
    }

    private static String e(String s) {
        return HtmlText.escape(s);
    }
}
