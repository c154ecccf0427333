package dev.landfall.store.postgres;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entries of one scope in key order, read by keyset pagination: each page is one short
 * autocommit query {@code WHERE key > last ORDER BY key LIMIT n}, fully read before {@code next()}
 * returns. No statement or transaction stays open between pages, so the same store can write keys
 * the cursor has passed while it reads. Pages are bounded by {@link PageSize}.
 */
final class PostgresCursor extends AbstractCursor<Entry> {
    private final PostgresSession session;
    private final ScopeTable table;
    private final Scope scope;
    private final PageSize size = new PageSize();
    private Key last;
    private List<Entry> page = List.of();
    private int index;
    private boolean ended;
    private volatile PreparedStatement running;

    PostgresCursor(PostgresSession session, ScopeTable table, Scope scope, Checkpoint after) {
        super(after);
        this.session = Objects.requireNonNull(session, "session");
        this.table = Objects.requireNonNull(table, "table");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.last = after.lastKey();
    }

    @Override
    public boolean next() {
        end();
        if (isClosed()) {
            return false;
        }
        if (index == page.size()) {
            if (ended) {
                return false;
            }
            try {
                fetch();
            } catch (LandfallException e) {
                if (isClosed()) {
                    return false; // close() cancelled the query
                }
                throw e;
            }
            if (page.isEmpty() || isClosed()) {
                ended = true;
                return false;
            }
        }
        Entry e = page.get(index++);
        last = e.key();
        return deliver(e, Checkpoint.after(last));
    }

    private void fetch() {
        int limit = size.limit();
        page = session.autocommit("reading " + scope.describe(), c -> {
            PreparedStatement ps = session.statement(last == null ? table.firstPageSql : table.nextPageSql);
            int i = table.bindScope(ps, scope, 1);
            if (last != null) {
                ps.setString(i++, last.text());
            }
            ps.setInt(i++, limit);
            ps.setLong(i, PageSize.MAX_BYTES);
            List<Entry> rows = new ArrayList<>(Math.min(limit, 1024));
            long bytes = 0;
            running = ps;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(table.entry(scope, rs));
                    bytes += rs.getLong("size");
                }
            } finally {
                running = null;
            }
            size.seen(rows.size(), bytes);
            ended = PageSize.isLast(rows.size(), limit, bytes);
            return rows;
        });
        index = 0;
    }

    /** From another thread, cancels a page query in flight. */
    @Override
    protected void onClose() {
        PreparedStatement ps = running;
        if (ps != null) {
            try {
                ps.cancel();
            } catch (SQLException e) {
                // the query ends anyway; next() returns false
            }
        }
    }
}
