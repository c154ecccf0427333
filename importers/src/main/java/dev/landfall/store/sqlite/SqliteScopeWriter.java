package dev.landfall.store.sqlite;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.BufferingScopeWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes one scope of a {@link SqliteStore}. Puts and deletes are buffered in their order and
 * applied at {@link #flush()} as one transaction: puts as JDBC batches of multi-row INSERTs (see
 * {@link EntryTable}), deletes as a batch of DELETEs, with statements prepared once per store.
 * Until then nothing reaches the database, so a reader of the same store never sees half a batch.
 */
final class SqliteScopeWriter extends BufferingScopeWriter {
    private final SqliteStore store;
    private final EntryTable table;
    /** {@link Entry} for a put, {@link Key} for a delete, in the order they were made. */
    private final List<Object> pending = new ArrayList<>();

    SqliteScopeWriter(SqliteStore store, Scope scope, WriteMode mode) {
        super(scope, mode);
        this.store = Objects.requireNonNull(store, "store");
        this.table = EntryTable.of(scope);
    }

    /** Refuses a Durable Object entry with metadata or an expiration (Durable Object storage has neither). */
    @Override
    protected void buffer(Entry entry) {
        if (table == EntryTable.DO && (entry.metadataJson() != null || entry.expiration() != null)) {
            throw new IllegalArgumentException("Durable Object entries have no metadata or expiration: " + entry);
        }
        pending.add(entry);
    }

    @Override
    protected void bufferDelete(Key key) {
        pending.add(key);
    }

    @Override
    protected boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Applies everything buffered as one transaction. On failure nothing of it is applied and the
     * buffer is kept, so a retried flush applies the same batch.
     */
    @Override
    protected void apply() {
        store.inTransaction("write a batch of " + pending.size() + " to " + scope.describe(), this::applyBatches);
    }

    @Override
    protected void discard() {
        pending.clear();
    }

    private void applyBatches() throws SQLException {
        Batches batches = new Batches(
                store.statement(table.insert(mode, 1)),
                store.statement(table.insert(mode, EntryTable.ROWS_PER_INSERT)),
                store.statement(table.delete));
        try {
            int i = 0;
            while (i < pending.size()) {
                i = pending.get(i) instanceof Key ? addDelete(batches, i) : addPuts(batches, i);
            }
            batches.execute();
        } catch (SQLException | RuntimeException e) {
            try {
                batches.clear();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Adds the delete at {@code i}; returns the next index. */
    private int addDelete(Batches batches, int i) throws SQLException {
        table.bindDelete(batches.delete, scope, (Key) pending.get(i));
        batches.add(batches.delete);
        return i + 1;
    }

    /** Adds the run of puts starting at {@code i}, as many full multi-row INSERTs as it fills; returns the next index. */
    private int addPuts(Batches batches, int i) throws SQLException {
        int end = i;
        while (end < pending.size() && pending.get(end) instanceof Entry) {
            end++;
        }
        int rows = EntryTable.ROWS_PER_INSERT;
        while (end - i >= rows) {
            table.bindScope(batches.many, scope);
            for (int r = 0; r < rows; r++) {
                table.bindRow(batches.many, r, (Entry) pending.get(i + r));
            }
            batches.add(batches.many);
            i += rows;
        }
        for (; i < end; i++) {
            table.bindScope(batches.one, scope);
            table.bindRow(batches.one, 0, (Entry) pending.get(i));
            batches.add(batches.one);
        }
        return end;
    }

    /**
     * The JDBC batches of one flush. Only one statement has rows waiting at a time: switching
     * statements executes the waiting rows first, so operations apply in the order they were made
     * (a put and a later delete of the same key, or two puts of one key).
     */
    private static final class Batches {
        final PreparedStatement one;
        final PreparedStatement many;
        final PreparedStatement delete;
        private PreparedStatement waiting;

        Batches(PreparedStatement one, PreparedStatement many, PreparedStatement delete) {
            this.one = one;
            this.many = many;
            this.delete = delete;
        }

        /** Adds the bound parameters of {@code ps} as a batch row. */
        void add(PreparedStatement ps) throws SQLException {
            if (waiting != null && waiting != ps) {
                waiting.executeBatch();
            }
            ps.addBatch();
            waiting = ps;
        }

        void execute() throws SQLException {
            if (waiting != null) {
                waiting.executeBatch();
                waiting = null;
            }
        }

        /** The statements outlive this flush: leave no rows of a failed one behind for the next. */
        void clear() throws SQLException {
            one.clearBatch();
            many.clearBatch();
            delete.clearBatch();
        }
    }
}
