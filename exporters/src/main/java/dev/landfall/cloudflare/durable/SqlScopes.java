package dev.landfall.cloudflare.durable;

import dev.landfall.core.model.DurableObject;
import java.util.Optional;

/**
 * The companion scope that holds the SQL tables of a SQLite-backed object (docs/stores.md): the
 * object's scope with {@value DurableObject#SQL_SUFFIX} after its id ({@link
 * DurableObject#holdsSqlTables()}, the one definition, in core). Its entries are {@code schema} (the
 * object's tables, indexes, views and triggers) and one entry per row, keyed {@code
 * table/NAME/SEQUENCE} (20 digits, in the table's rowid or primary-key order), whose value is
 * the typed JSON array of the row's cells. Storage keys live in the object's own scope, so the
 * two never collide.
 */
public final class SqlScopes {
    /** The key of the schema entry. */
    public static final String SCHEMA_KEY = "schema";

    private SqlScopes() {}

    public static DurableObject of(DurableObject object) {
        return new DurableObject(object.namespaceId(), object.objectId() + DurableObject.SQL_SUFFIX);
    }

    /** The object whose SQL tables {@code scope} holds, if it is such a scope. */
    public static Optional<DurableObject> objectOf(DurableObject scope) {
        if (!scope.holdsSqlTables()) {
            return Optional.empty();
        }
        String id = scope.objectId();
        return Optional.of(new DurableObject(
                scope.namespaceId(), id.substring(0, id.length() - DurableObject.SQL_SUFFIX.length())));
    }

    /** The key prefix of a table's rows. */
    public static String tablePrefix(String table) {
        return "table/" + table + "/";
    }

    /** The key of the {@code sequence}-th row (from 0) of {@code table}. */
    public static String rowKey(String table, long sequence) {
        return tablePrefix(table) + String.format("%020d", sequence);
    }
}
