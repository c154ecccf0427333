package dev.landfall.store.sqlite;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The entries of one scope in key order, read page by page with keyset pagination ({@code WHERE key
 * > ? ORDER BY key LIMIT n}). Each page is read whole and its statement reset before {@link #next()}
 * returns, so no read transaction stays open between pages and writes through the same store may
 * come in between. Pages hold at most {@value #MAX_ROWS} rows and about {@value #PAGE_BYTES} bytes
 * of values: the next page's limit follows the average value size seen so far, and a page stops
 * early once it holds that many bytes (always after at least one row).
 */
final class SqliteEntryCursor extends AbstractCursor<Entry> {
    static final int MAX_ROWS = 1_000;
    static final long PAGE_BYTES = 8L << 20;

    private final SqliteStore store;
    private final Scope scope;
    private final EntryTable table;
    private final ArrayDeque<Entry> page = new ArrayDeque<>();
    private Key lastRead;
    private int limit = MAX_ROWS;
    private long rowsSeen;
    private long bytesSeen;
    private boolean exhausted;

    SqliteEntryCursor(SqliteStore store, Scope scope, Checkpoint after) {
        super(after);
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.table = EntryTable.of(scope);
        this.lastRead = after.lastKey();
    }

    @Override
    public boolean next() {
        if (isClosed()) {
            page.clear();
            return end();
        }
        if (page.isEmpty() && !exhausted) {
            readPage();
        }
        Entry e = page.poll();
        return e == null ? end() : deliver(e, Checkpoint.after(e.key()));
    }

    private void readPage() {
        try {
            PreparedStatement ps = store.statement(lastRead == null ? table.firstPage : table.pageAfter);
            table.bindPage(ps, scope, lastRead, limit);
            int rows = 0;
            long bytes = 0;
            boolean full = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = table.read(rs, scope);
                    page.add(e);
                    rows++;
                    bytes += e.value().length;
                    if (bytes >= PAGE_BYTES) {
                        full = true;
                        break;
                    }
                }
            }
            if (rows > 0) {
                lastRead = page.peekLast().key();
            }
            exhausted = rows < limit && !full;
            adaptLimit(rows, bytes);
        } catch (SQLException e) {
            throw SqliteErrors.map(store.location(), "read " + scope.describe(), e);
        }
    }

    /** Sizes the next page from the average value size seen so far. */
    private void adaptLimit(int rows, long bytes) {
        rowsSeen += rows;
        bytesSeen += bytes;
        if (rowsSeen == 0) {
            return;
        }
        long average = Math.max(1, bytesSeen / rowsSeen);
        limit = (int) Math.max(1, Math.min(MAX_ROWS, PAGE_BYTES / average));
    }

    // visible for testing
    int nextLimit() {
        return limit;
    }

    // visible for testing
    int buffered() {
        return page.size();
    }
}
