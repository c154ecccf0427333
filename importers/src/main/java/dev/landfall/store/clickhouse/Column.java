package dev.landfall.store.clickhouse;

import java.util.Objects;

/**
 * One column of an event table.
 *
 * @param name the column name, which is also the JSON field it is loaded from
 * @param type its type
 */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The name quoted for SQL: back-quoted, with back quotes and backslashes escaped. */
    public String quotedName() {
        return quote(name);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    @Override
    public String toString() {
        return quotedName() + " " + type.sql();
    }
}
