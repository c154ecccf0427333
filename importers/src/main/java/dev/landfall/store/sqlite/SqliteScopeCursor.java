package dev.landfall.store.sqlite;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The scopes of a {@link SqliteStore}: KV namespaces by id (every namespace a writer was opened
 * for, with the title it was given), then Durable Objects that hold entries by (namespace, object).
 * Namespaces are read in pages; objects one at a time by seeking past the previous one in the
 * primary key, which costs one index lookup per object however many entries each holds.
 */
final class SqliteScopeCursor extends AbstractCursor<Scope> {
    private static final int PAGE_ROWS = 1_000;
    private static final String NAMESPACES = "SELECT namespace_id, title FROM " + SqliteSchema.NAMESPACES;
    private static final String FIRST_NAMESPACES = NAMESPACES + " ORDER BY namespace_id LIMIT " + PAGE_ROWS;
    private static final String NAMESPACES_AFTER =
            NAMESPACES + " WHERE namespace_id > ? ORDER BY namespace_id LIMIT " + PAGE_ROWS;
    private static final String OBJECTS = "SELECT namespace_id, object_id FROM " + SqliteSchema.DO;
    private static final String FIRST_OBJECT = OBJECTS + " ORDER BY namespace_id, object_id LIMIT 1";
    private static final String OBJECT_AFTER =
            OBJECTS + " WHERE (namespace_id, object_id) > (?, ?) ORDER BY namespace_id, object_id LIMIT 1";

    private final SqliteStore store;
    private final ArrayDeque<KvNamespace> namespaces = new ArrayDeque<>();
    private String lastNamespace;
    private boolean namespacesDone;
    private DurableObject lastObject;
    private boolean objectsDone;

    SqliteScopeCursor(SqliteStore store) {
        super(Checkpoint.START);
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean next() {
        end();
        if (isClosed()) {
            namespaces.clear();
            return false;
        }
        Scope scope;
        try {
            scope = nextNamespace();
            if (scope == null) {
                scope = nextObject();
            }
        } catch (SQLException e) {
            throw SqliteErrors.map(store.location(), "list the scopes", e);
        }
        return scope == null ? end() : deliver(scope, Checkpoint.after(Key.of(scope.id())));
    }

    private Scope nextNamespace() throws SQLException {
        if (namespaces.isEmpty() && !namespacesDone) {
            PreparedStatement ps = store.statement(lastNamespace == null ? FIRST_NAMESPACES : NAMESPACES_AFTER);
            if (lastNamespace != null) {
                ps.setString(1, lastNamespace);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    namespaces.add(new KvNamespace(rs.getString(1), rs.getString(2)));
                }
            }
            namespacesDone = namespaces.size() < PAGE_ROWS;
            if (!namespaces.isEmpty()) {
                lastNamespace = namespaces.peekLast().namespaceId();
            }
        }
        return namespaces.poll();
    }

    private Scope nextObject() throws SQLException {
        if (objectsDone) {
            return null;
        }
        PreparedStatement ps = store.statement(lastObject == null ? FIRST_OBJECT : OBJECT_AFTER);
        if (lastObject != null) {
            ps.setString(1, lastObject.namespaceId());
            ps.setString(2, lastObject.objectId());
        }
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                lastObject = new DurableObject(rs.getString(1), rs.getString(2));
                return lastObject;
            }
        }
        objectsDone = true;
        return null;
    }
}
