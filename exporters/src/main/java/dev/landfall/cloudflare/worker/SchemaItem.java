package dev.landfall.cloudflare.worker;

import java.util.List;
import java.util.Objects;

/**
 * One {@code sqlite_master} row of a SQLite-backed Durable Object.
 *
 * @param type {@code table}, {@code index}, {@code view} or {@code trigger}
 * @param name its name
 * @param table the table it belongs to (itself for a table)
 * @param sql the statement that created it
 * @param columns a table's columns in order; empty for the other types
 * @param withoutRowid whether a table is {@code WITHOUT ROWID}
 */
public record SchemaItem(
        String type, String name, String table, String sql, List<String> columns, boolean withoutRowid) {
    public SchemaItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sql, "sql");
        columns = List.copyOf(columns);
    }

    public boolean isTable() {
        return type.equals("table");
    }
}
