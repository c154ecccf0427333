package dev.landfall.cloudflare.inventory;

import dev.landfall.core.text.VisibleText;
import java.util.List;
import java.util.Objects;

/**
 * One section of an inventory report as rows of text, which the text, Markdown and HTML renderers
 * lay out each their way. Every cell, title and note is made {@link VisibleText} here, so a name
 * from the account that a section forgot to escape still cannot act on a terminal.
 *
 * @param id a stable id (HTML anchors, tests)
 * @param title the section's title
 * @param header the column names
 * @param rows the cells, each row as long as the header
 * @param prose whether cells hold sentences (text lays rows out as blocks, not columns)
 * @param notes lines after the table
 */
record ReportTable(
        String id, String title, List<String> header, List<List<String>> rows, boolean prose, List<String> notes) {
    ReportTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        title = VisibleText.of(title);
        header = visible(header);
        rows = rows.stream().map(ReportTable::visible).toList();
        notes = visible(notes);
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(id + ": a row of " + r.size() + " cells under " + header);
            }
        }
    }

    private static List<String> visible(List<String> cells) {
        return cells.stream().map(VisibleText::of).toList();
    }
}
