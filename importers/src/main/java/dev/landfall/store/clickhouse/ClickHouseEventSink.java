package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Loads an NDJSON event file into a ClickHouse table in large batches, in two passes so bad input
 * leaves no trace:
 *
 * <ol>
 *   <li>the schema: the existing table's columns, or the declared ones, or one inferred from a
 *       sample of the file;
 *   <li>check: every line is parsed and checked against the columns and written as a
 *       TabSeparated row to an owner-only spool file; a bad line ends the load here (exit 2,
 *       naming the line), before anything is created or inserted, unless {@code skipBad} allows
 *       it to be left out;
 *   <li>load: the table is created if it does not exist ({@code MergeTree}, sorted by the time
 *       key), and the spool goes in as INSERTs of {@code batchRows} rows, streamed from disk.
 * </ol>
 *
 * Memory stays at one line plus I/O buffers, whatever the file's size; the spool needs about
 * the file's uncompressed size on disk and is deleted at the end. A server failure during the load
 * leaves the batches before it in the table (ClickHouse has no multi-statement transactions): the
 * error says how many rows went in.
 */
public final class ClickHouseEventSink {
    private static final long BATCH_BYTES = 256L * 1024 * 1024;
    private static final int FIRST_BAD = 10;

    private final ClickHouseSession session;

    public ClickHouseEventSink(ClickHouseSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Loads {@code load.file()} into {@code load.table()}; see the class comment. */
    public EventLoad.Result load(EventLoad load, EventLoad.Listener listener) throws IOException {
        if (!Files.isRegularFile(load.file())) {
            throw LandfallException.usage(
                    "events file " + load.file() + " does not exist or is not a file", "check the path after events:");
        }
        ClickHouseLocation where = session.location();
        String table = where.qualified(load.table());
        String version = session.version();
        Optional<EventSchema> existing = new TableColumns(session).read(load.table());
        List<String> warnings = new ArrayList<>();
        EventSchema schema;
        boolean inferred = false;
        if (existing.isPresent()) {
            schema = existing.get();
            if (load.declared().isPresent()
                    && !sameColumns(EventSchema.parse(load.declared().get()), schema)) {
                throw LandfallException.usage(
                        "table " + table + " exists with other columns than --schema declares: " + schema,
                        "leave out --schema to load into the table as it is, or name another --table");
            }
        } else if (load.declared().isPresent()) {
            schema = EventSchema.parse(load.declared().get());
        } else {
            SchemaInference inference = infer(load, session.hasDateTime64());
            schema = inference
                    .schema()
                    .orElseThrow(() -> LandfallException.usage(
                            "no schema can be inferred: the first " + load.sampleLines() + " lines of " + load.file()
                                    + " hold no JSON object with a field",
                            "check the file, or declare the columns with --schema 'name Type, …'"));
            warnings.addAll(inference.warnings());
            inferred = true;
        }
        listener.schemaReady(schema, inferred, existing.isPresent());

        Path spool = newSpool(load.spoolDir());
        try {
            Checked checked = check(load, schema, spool, listener);
            boolean created = false;
            if (existing.isEmpty()) {
                session.execute(
                        "CREATE TABLE " + table + " (" + schema.columnsSql() + ") ENGINE = MergeTree() "
                                + schema.orderBySql(),
                        "creating table " + table);
                created = true;
            }
            long inserts = insert(table, schema, spool, checked, listener);
            return new EventLoad.Result(
                    table,
                    schema,
                    created,
                    checked.lines,
                    checked.rows,
                    checked.bad,
                    checked.firstBad,
                    checked.ignoredFields,
                    inserts,
                    version,
                    warnings);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static SchemaInference infer(EventLoad load, boolean dateTime64) throws IOException {
        SchemaInference inference = new SchemaInference(dateTime64);
        try (EventLines lines = EventLines.open(load.file())) {
            int seen = 0;
            while (seen < load.sampleLines() && lines.next()) {
                if (!lines.blank()) {
                    inference.observe(lines.bytes(), 0, lines.length());
                    seen++;
                }
            }
        }
        return inference;
    }

    private static boolean sameColumns(EventSchema a, EventSchema b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            Column x = a.columns().get(i);
            Column y = b.columns().get(i);
            if (!x.name().equals(y.name())
                    || !x.type().sql().replace(" ", "").equals(y.type().sql().replace(" ", ""))) {
                return false;
            }
        }
        return true;
    }

    private static final class Checked {
        long lines;
        long rows;
        long bad;
        final List<String> firstBad = new ArrayList<>();
        List<String> ignoredFields = List.of();
        // Byte offsets in the spool where each batch starts, and the end.
        final List<Long> bounds = new ArrayList<>();
        final List<Long> batchRows = new ArrayList<>();
    }

    private Checked check(EventLoad load, EventSchema schema, Path spool, EventLoad.Listener listener)
            throws IOException {
        EventRowEncoder encoder = new EventRowEncoder(schema, needsZone(schema) ? session.timezone() : null);
        Checked c = new Checked();
        try (EventLines lines = EventLines.open(load.file());
                FileChannel channel = FileChannel.open(spool, StandardOpenOption.WRITE);
                CountingOutputStream out = new CountingOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
            long batchStartRows = 0;
            c.bounds.add(0L);
            while (lines.next()) {
                c.lines = lines.number();
                if (c.lines % 10_000 == 0) {
                    listener.checked(c.lines);
                }
                if (lines.blank()) {
                    continue;
                }
                try {
                    encoder.encode(lines.bytes(), 0, lines.length(), out);
                } catch (BadEvent e) {
                    c.bad++;
                    String where = load.file() + " line " + lines.number() + ": " + e.getMessage();
                    if (c.bad > load.skipBad()) {
                        throw LandfallException.usage(
                                where,
                                load.skipBad() == 0
                                        ? "fix that line, or pass --skip-bad N to leave up to N bad lines out; nothing"
                                                + " was written to ClickHouse"
                                        : "more than --skip-bad " + load.skipBad()
                                                + " lines are bad; nothing was written to ClickHouse");
                    }
                    if (c.firstBad.size() < FIRST_BAD) {
                        c.firstBad.add("line " + lines.number() + ": " + e.getMessage());
                    }
                    continue;
                }
                c.rows++;
                if (c.rows - batchStartRows >= load.batchRows()
                        || out.count() - c.bounds.get(c.bounds.size() - 1) >= BATCH_BYTES) {
                    out.flush();
                    c.bounds.add(out.count());
                    c.batchRows.add(c.rows - batchStartRows);
                    batchStartRows = c.rows;
                }
            }
            out.flush();
            if (c.rows > batchStartRows) {
                c.bounds.add(out.count());
                c.batchRows.add(c.rows - batchStartRows);
            }
            channel.force(false);
        }
        listener.checked(c.lines);
        c.ignoredFields = encoder.ignoredFields();
        return c;
    }

    private long insert(String table, EventSchema schema, Path spool, Checked c, EventLoad.Listener listener)
            throws IOException {
        long done = 0;
        long inserts = 0;
        listener.loaded(0, c.rows);
        try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ)) {
            for (int b = 0; b < c.batchRows.size(); b++) {
                long start = c.bounds.get(b);
                long end = c.bounds.get(b + 1);
                try {
                    session.insertTsv(table, schema.names(), out -> copy(channel, start, end, out))
                            .get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw LandfallException.transientFailure(
                            "interrupted while loading " + table + " after " + done + " rows", null, e);
                } catch (ExecutionException | RuntimeException e) {
                    throw partial(session.translate(e, "inserting into " + table), done, c.rows);
                }
                done += c.batchRows.get(b);
                inserts++;
                listener.loaded(done, c.rows);
            }
        }
        return inserts;
    }

    private static void copy(FileChannel channel, long start, long end, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf);
        long pos = start;
        while (pos < end) {
            bb.clear();
            bb.limit((int) Math.min(buf.length, end - pos));
            int n = channel.read(bb, pos);
            if (n < 0) {
                throw new IOException("spool file ended early");
            }
            out.write(buf, 0, n);
            pos += n;
        }
        out.flush();
    }

    private static boolean needsZone(EventSchema schema) {
        return schema.columns().stream()
                .anyMatch(c -> c.type().kind() == ColumnType.Kind.DATETIME64
                        && c.type().zone().isEmpty());
    }

    private static Path newSpool(Path dir) throws IOException {
        try {
            return Files.createTempFile(
                    dir,
                    "landfall-events-",
                    ".tsv",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, "landfall-events-", ".tsv");
        }
    }

    /** Counts bytes written, for batch bounds in the spool. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    private static LandfallException partial(LandfallException e, long done, long total) {
        String message = e.getMessage() + " (" + done + " of " + total + " rows were in before this batch)";
        String hint = "the table holds those rows: load into a fresh --table, or delete them (ALTER TABLE … DELETE)"
                + " before running the command again";
        return switch (e.kind()) {
            case TRANSIENT -> LandfallException.transientFailure(message, hint, e);
            case REJECTED -> LandfallException.rejected(message, hint);
            default -> LandfallException.failed(message, hint, e);
        };
    }
}
