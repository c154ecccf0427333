package dev.landfall.cloudflare.inventory;

import dev.landfall.core.report.ReportRenderer;
import java.io.PrintWriter;
import java.util.List;

/**
 * An inventory as plain text for a terminal: aligned columns, and sentence-holding sections as
 * indented blocks so they stay readable at 100 columns. No colour.
 */
public final class InventoryTextRenderer implements ReportRenderer<InventoryReport> {
    @Override
    public void render(InventoryReport report, PrintWriter out) {
        out.println("Landfall inventory");
        for (String line : InventoryTables.preamble(report)) {
            out.println(line);
        }
        for (ReportTable t : InventoryTables.of(report)) {
            out.println();
            out.println(t.title());
            out.println("=".repeat(t.title().length()));
            if (t.rows().isEmpty()) {
                out.println("  (none)");
            } else if (t.prose()) {
                blocks(t, out);
            } else {
                columns(t, out);
            }
            for (String note : t.notes()) {
                out.println("  " + note);
            }
        }
        out.flush();
    }

    private static void columns(ReportTable t, PrintWriter out) {
        int[] widths = new int[t.header().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = t.header().get(i).length();
            for (List<String> row : t.rows()) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(t.header(), widths, out);
        for (List<String> row : t.rows()) {
            line(row, widths, out);
        }
    }

    private static void line(List<String> cells, int[] widths, PrintWriter out) {
        StringBuilder sb = new StringBuilder(" ");
        for (int i = 0; i < cells.size(); i++) {
            sb.append(' ').append(cells.get(i));
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(widths[i] - cells.get(i).length() + 1));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    private static void blocks(ReportTable t, PrintWriter out) {
        for (List<String> row : t.rows()) {
            out.println("  " + row.get(0));
            for (int i = 1; i < row.size(); i++) {
                out.println("      " + t.header().get(i) + ": " + row.get(i));
            }
        }
    }
}
