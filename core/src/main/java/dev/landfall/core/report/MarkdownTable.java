package dev.landfall.core.report;

import java.util.StringJoiner;

/**
 * The rows of a Markdown table in a report. Cells come as the caller shows them ({@link
 * dev.landfall.core.text.VisibleText} for names from the account); their pipes are escaped here,
 * since a name holding a pipe would otherwise end its cell early.
 */
public final class MarkdownTable {
    private MarkdownTable() {}

    /** {@code | a | b | c |}, without the line end; numbers are written as {@code %d} writes them. */
    public static String row(Object... cells) {
        StringJoiner row = new StringJoiner(" | ", "| ", " |");
        for (Object cell : cells) {
            row.add(cell(String.valueOf(cell)));
        }
        return row.toString();
    }

    /** The text with its pipes escaped, for a table cell or a line in a list beside one. */
    public static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
