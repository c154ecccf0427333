package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams TabSeparated rows into a table as INSERTs on a thread of its own while the caller
 * goes on checking lines: the caller writes rows to {@link #out()} and closes a batch with {@link
 * #endBatch(long)}; each batch is one INSERT whose body is sent as it is written. Memory is a few
 * 1 MiB chunks in flight, whatever the batch size.
 *
 * <p>The caller's thread owns {@link #out()}, {@link #endBatch}, {@link #finish} and {@link
 * #abort}; an insert error comes back from the next of them.
 */
final class InsertPipe {
    private static final int CHUNK = 1 << 20;
    private static final byte[] END_BATCH = new byte[0];
    private static final byte[] END_ALL = new byte[0];

    private final ClickHouseSession session;
    private final String table;
    private final List<String> columns;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
    private final BlockingQueue<Long> batchRows = new ArrayBlockingQueue<>(1 << 16);
    private final AtomicLong loadedRows = new AtomicLong();
    private final Thread thread;
    private final Out out = new Out();
    private volatile Throwable failure;
    private volatile boolean aborted;
    private long inserts;

    InsertPipe(ClickHouseSession session, String table, List<String> columns) {
        this.session = session;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.thread = new Thread(this::run, "landfall-clickhouse-insert");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Where rows go; buffered. */
    OutputStream out() {
        return out;
    }

    /** Ends the current INSERT, which held {@code rows} rows. */
    void endBatch(long rows) throws IOException {
        out.flushChunk();
        put(END_BATCH);
        if (!batchRows.offer(rows)) {
            throw new IllegalStateException("too many batches in flight");
        }
    }

    /** Rows the server has confirmed so far. */
    long loadedRows() {
        return loadedRows.get();
    }

    /** Waits until every batch is in; returns the number of INSERTs sent. */
    long finish() throws IOException {
        put(END_ALL);
        join();
        rethrow();
        return inserts;
    }

    /** Stops sending: the INSERT in flight is cut off and fails on the server. */
    void abort() {
        aborted = true;
        thread.interrupt();
        join();
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    rethrow();
                    throw new IllegalStateException("the insert thread ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LandfallException.transientFailure("interrupted while loading " + table, null, e);
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f != null) {
            throw session.translate(f, "inserting into " + table);
        }
    }

    private void run() {
        try {
            while (true) {
                byte[] first = queue.take();
                if (first == END_ALL) {
                    return;
                }
                session.insertTsv(table, columns, os -> {
                            byte[] c = first;
                            while (c != END_BATCH) {
                                if (aborted) {
                                    throw new IOException("load aborted");
                                }
                                os.write(c);
                                c = take();
                            }
                            os.flush();
                        })
                        .get();
                inserts++;
                loadedRows.addAndGet(batchRows.take());
            }
        } catch (InterruptedException e) {
            // abort(): the caller has stopped; nothing more to send
        } catch (ExecutionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private byte[] take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new IOException("load aborted", e);
        }
    }

    private final class Out extends OutputStream {
        private byte[] chunk = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == chunk.length) {
                flushChunk();
            }
            chunk[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == chunk.length) {
                    flushChunk();
                }
                int k = Math.min(len, chunk.length - n);
                System.arraycopy(b, off, chunk, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        void flushChunk() throws IOException {
            if (n == 0) {
                return;
            }
            byte[] full = n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n);
            put(full);
            chunk = new byte[CHUNK];
            n = 0;
        }
    }
}
