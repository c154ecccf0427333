package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Appends rows to one ClickHouse table in large batches: rows collect in memory as TabSeparated
 * text and go out as one INSERT every {@code batchRows} rows, at {@link #flush()} and at {@link
 * #close()}. ClickHouse wants few large inserts rather than many small ones; a long-lived process
 * batches naturally. Values are Java objects matched to the column types: {@link CharSequence}
 * for strings, {@link Number} for numbers, {@link Boolean} for {@code UInt8}, {@link Instant} for
 * {@code DateTime}/{@code DateTime64}, {@code null} for NULL.
 *
 * <p>One thread. Memory is one batch of rows.
 */
public final class ClickHouseRowWriter implements Closeable {
    private final ClickHouseSession session;
    private final String table;
    private final List<Column> columns;
    private final int batchRows;
    private final DateTimeFormatter[] formatters;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private int pending;
    private long written;
    private boolean closed;

    /**
     * @param table the table name, in the session's database
     * @param columns the columns each row fills, in order
     * @param batchRows rows per INSERT
     */
    public ClickHouseRowWriter(ClickHouseSession session, String table, List<Column> columns, int batchRows) {
        this.session = Objects.requireNonNull(session, "session");
        this.table = session.location().qualified(Objects.requireNonNull(table, "table"));
        this.columns = List.copyOf(columns);
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive");
        }
        this.batchRows = batchRows;
        this.formatters = new DateTimeFormatter[this.columns.size()];
        for (int i = 0; i < this.columns.size(); i++) {
            ColumnType t = this.columns.get(i).type();
            if (t.kind() == ColumnType.Kind.DATETIME64) {
                ZoneId zone = t.zone().map(ZoneId::of).orElse(ZoneOffset.UTC);
                String fraction = t.precision() > 0 ? "." + "S".repeat(t.precision()) : "";
                formatters[i] = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss" + fraction)
                        .withZone(zone);
            }
        }
    }

    /**
     * Adds one row, sending a batch when it is full.
     *
     * @throws IllegalArgumentException if the values do not match the columns (a bug in the caller)
     */
    public void append(Object... values) {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "a row of " + table + " has " + columns.size() + " values, not " + values.length);
        }
        StringBuilder row = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append('\t');
            }
            row.append(field(i, values[i]));
        }
        row.append('\n');
        buffer.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        if (++pending >= batchRows) {
            flush();
        }
    }

    /** Sends the rows appended so far as one INSERT; returns when the server has them. */
    public void flush() {
        if (pending == 0) {
            return;
        }
        byte[] body = buffer.toByteArray();
        try {
            session.insertTsv(table, columns.stream().map(Column::name).toList(), out -> {
                        out.write(body);
                        out.flush();
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LandfallException.transientFailure("interrupted while writing to " + table, null, e);
        } catch (ExecutionException | RuntimeException e) {
            throw session.translate(e, "inserting into " + table);
        }
        written += pending;
        pending = 0;
        buffer.reset();
    }

    /**
     * Drops the rows not yet sent, after a failed {@link #flush()}, so the next batch does not
     * resend them; returns how many were dropped.
     */
    public int discard() {
        int dropped = pending;
        pending = 0;
        buffer.reset();
        return dropped;
    }

    /** Rows the server has. */
    public long written() {
        return written;
    }

    /** Flushes what is left. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            flush();
            closed = true;
        }
    }

    private String field(int i, Object v) {
        ColumnType t = columns.get(i).type();
        if (v == null) {
            if (!t.nullable()) {
                throw new IllegalArgumentException("column " + columns.get(i).name() + " is not Nullable");
            }
            return "\\N";
        }
        return switch (t.kind()) {
            case STRING -> Tsv.escape(v.toString());
            case DATETIME -> Long.toString(((Instant) v).getEpochSecond());
            case DATETIME64 -> formatters[i].format((Instant) v);
            case DATE -> v.toString();
            default -> v instanceof Boolean b ? (b ? "1" : "0") : ((Number) v).toString();
        };
    }
}
