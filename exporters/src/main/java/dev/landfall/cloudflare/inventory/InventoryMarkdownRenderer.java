package dev.landfall.cloudflare.inventory;

import dev.landfall.core.report.ReportRenderer;
import java.io.PrintWriter;
import java.util.List;

/** An inventory as GitHub-flavoured Markdown, for a pull request or a ticket. */
public final class InventoryMarkdownRenderer implements ReportRenderer<InventoryReport> {
    @Override
    public void render(InventoryReport report, PrintWriter out) {
        out.println("# Landfall inventory");
        out.println();
        for (String line : InventoryTables.preamble(report)) {
            out.println(escape(line) + "  ");
        }
        for (ReportTable t : InventoryTables.of(report)) {
            out.println();
            out.println("## " + escape(t.title()));
            out.println();
            if (t.rows().isEmpty()) {
                out.println("None.");
            } else {
                row(t.header(), out);
                out.println("|" + "---|".repeat(t.header().size()));
                for (List<String> r : t.rows()) {
                    row(r, out);
                }
            }
            if (!t.notes().isEmpty()) {
                out.println();
                for (String note : t.notes()) {
                    out.println("- " + escape(note));
                }
            }
        }
        out.flush();
    }

    private static void row(List<String> cells, PrintWriter out) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(escape(c)).append(" |");
        }
        out.println(sb);
    }

    /** Keeps cells in their column and text literal: pipes, backslashes and Markdown markers escaped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\|*_`[]<>#".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
