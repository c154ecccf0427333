package dev.landfall.store.postgres;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The store's scopes: KV namespaces by id, then Durable Objects that hold entries by (namespace,
 * object), both in byte order and read in keyset pages of {@value #PAGE} like {@link
 * PostgresCursor}, with nothing open between pages.
 */
final class PostgresScopeCursor extends AbstractCursor<Scope> {
    private static final int PAGE = 1000;

    private final PostgresSession session;
    private final String kvFirst;
    private final String kvAfter;
    private final String doFirst;
    private final String doAfter;
    private final boolean objects;
    private boolean inObjects;
    private boolean ended;
    private Scope last;
    private List<Scope> page = List.of();
    private int index;

    /** Lists the scopes of the tables that exist: KV namespaces, Durable Objects, or both. */
    PostgresScopeCursor(PostgresSession session, boolean namespaces, boolean objects) {
        super(Checkpoint.START);
        this.session = Objects.requireNonNull(session, "session");
        this.inObjects = !namespaces;
        this.objects = objects;
        this.ended = !namespaces && !objects;
        String schema = session.uri().quotedSchema();
        String kv = "SELECT namespace_id, title FROM " + schema + "." + PostgresSchema.NAMESPACES;
        this.kvFirst = kv + " ORDER BY namespace_id LIMIT " + PAGE;
        this.kvAfter = kv + " WHERE namespace_id > ? ORDER BY namespace_id LIMIT " + PAGE;
        String distinct = "SELECT DISTINCT namespace_id, object_id FROM " + schema + "." + PostgresSchema.DO;
        this.doFirst = distinct + " ORDER BY namespace_id, object_id LIMIT " + PAGE;
        this.doAfter =
                distinct + " WHERE (namespace_id, object_id) > (?, ?) ORDER BY namespace_id, object_id LIMIT " + PAGE;
    }

    @Override
    public boolean next() {
        end();
        while (!isClosed() && index == page.size()) {
            if (ended) {
                return false;
            }
            page = fetch();
            index = 0;
            if (page.size() < PAGE) {
                if (inObjects || !objects) {
                    ended = true;
                } else {
                    inObjects = true;
                }
            }
        }
        if (isClosed()) {
            return false;
        }
        last = page.get(index++);
        return deliver(last, Checkpoint.after(Key.of(last.id())));
    }

    private List<Scope> fetch() {
        return session.autocommit("listing the scopes", c -> {
            List<Scope> out = new ArrayList<>();
            if (!inObjects) {
                PreparedStatement ps = session.statement(last == null ? kvFirst : kvAfter);
                if (last != null) {
                    ps.setString(1, ((KvNamespace) last).namespaceId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new KvNamespace(rs.getString(1), rs.getString(2)));
                    }
                }
            } else {
                DurableObject after = last instanceof DurableObject d ? d : null;
                PreparedStatement ps = session.statement(after == null ? doFirst : doAfter);
                if (after != null) {
                    ps.setString(1, after.namespaceId());
                    ps.setString(2, after.objectId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DurableObject(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }
}
