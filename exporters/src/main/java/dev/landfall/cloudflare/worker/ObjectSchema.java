package dev.landfall.cloudflare.worker;

import java.util.List;

/**
 * The SQL schema of a Durable Object.
 *
 * @param sqlite whether the object is SQLite-backed
 * @param items its tables, indexes, views and triggers in name order (empty for KV-backed)
 */
public record ObjectSchema(boolean sqlite, List<SchemaItem> items) {
    public ObjectSchema {
        items = List.copyOf(items);
    }

    public List<SchemaItem> tables() {
        return items.stream().filter(SchemaItem::isTable).toList();
    }
}
