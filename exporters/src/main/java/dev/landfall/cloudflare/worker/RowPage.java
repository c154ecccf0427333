package dev.landfall.cloudflare.worker;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of a table's rows.
 *
 * @param columns the column names in order
 * @param rows each row as the canonical typed JSON of an array of its cells (UTF-8), owned
 * @param next the value to pass as {@code after} for the next page; empty at the end
 */
public record RowPage(List<String> columns, List<byte[]> rows, OptionalLong next) {
    public RowPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        Objects.requireNonNull(next, "next");
    }
}
