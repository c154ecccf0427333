package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of an event table and, for a table Landfall creates, its sort key.
 *
 * @param columns the columns in table order
 * @param orderBy the column the table is sorted by, if any ({@code ORDER BY tuple()} otherwise)
 */
public record EventSchema(List<Column> columns, Optional<String> orderBy) {
    public EventSchema {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Objects.requireNonNull(orderBy, "orderBy");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an event table needs at least one column");
        }
    }

    /**
     * Parses a declared schema, {@code name Type, name Type, …}, the column list of a {@code CREATE
     * TABLE}. Names may be back-quoted; commas inside a type's parentheses do not split. The sort
     * key is the first non-nullable {@code DateTime}, {@code DateTime64} or {@code Date} column.
     *
     * @throws LandfallException USAGE naming the part of {@code text} that is wrong
     */
    public static EventSchema parse(String text) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : splitTopLevel(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw LandfallException.usage(
                        "--schema '" + text + "' has an empty column", "write it as 'name Type, name Type, …'");
            }
            String name;
            String type;
            if (p.startsWith("`")) {
                int close = p.indexOf('`', 1);
                if (close < 0) {
                    throw LandfallException.usage(
                            "--schema: column '" + p + "' has no closing back quote", "write it as `name` Type");
                }
                name = p.substring(1, close);
                type = p.substring(close + 1).trim();
            } else {
                int space = p.indexOf(' ');
                name = space < 0 ? p : p.substring(0, space);
                type = space < 0 ? "" : p.substring(space + 1).trim();
            }
            if (type.isEmpty()) {
                throw LandfallException.usage(
                        "--schema: column '" + name + "' has no type",
                        "write it as 'name Type', for example 'ts DateTime'");
            }
            if (!seen.add(name)) {
                throw LandfallException.usage("--schema names column '" + name + "' twice", "name each column once");
            }
            columns.add(new Column(name, ColumnType.parse(type)));
        }
        return new EventSchema(columns, defaultOrderBy(columns));
    }

    /** The first non-nullable time column, the natural sort key of an event table. */
    static Optional<String> defaultOrderBy(List<Column> columns) {
        return columns.stream()
                .filter(c -> c.type().kind().time() && !c.type().nullable())
                .map(Column::name)
                .findFirst();
    }

    /** The column list for {@code CREATE TABLE}: {@code `a` String, `b` Int64}. */
    public String columnsSql() {
        return columns.stream().map(Column::toString).collect(Collectors.joining(", "));
    }

    /** {@code ORDER BY `ts`} or {@code ORDER BY tuple()}. */
    public String orderBySql() {
        return "ORDER BY " + orderBy.map(Column::quote).orElse("tuple()");
    }

    /** The column names, in table order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public String toString() {
        return columnsSql();
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
