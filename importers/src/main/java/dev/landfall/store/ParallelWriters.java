package dev.landfall.store;

import dev.landfall.core.error.LandfallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store's connections for writing: its main one and, for a flush split into parts, up to {@code
 * writers - 1} more, each with its own thread, opened on first use. Part 0 runs on the caller's
 * thread on the main connection, so a flush that is not split costs no thread hand-off; part
 * {@code i} always runs on connection {@code i}, so a connection is never used by two threads at
 * once and keeps what it prepared between flushes.
 *
 * @param <C> the store's connection
 */
public final class ParallelWriters<C extends AutoCloseable> implements AutoCloseable {
    /** The most connections one store writes on: beyond it the server, not the client, limits. */
    public static final int MAX = 16;

    private final String store;
    private final C main;
    private final Supplier<C> opener;
    private final int writers;
    private final List<C> extra = new ArrayList<>();
    private ExecutorService threads;
    private volatile boolean closed;

    /**
     * @param store the store's label, for messages
     * @param main the connection cursors also use; part 0 runs on it
     * @param writers connections at most, at least 1
     * @param opener makes one more connection; it may connect on first use
     */
    public ParallelWriters(String store, C main, int writers, Supplier<C> opener) {
        this.store = Objects.requireNonNull(store, "store");
        this.main = Objects.requireNonNull(main, "main");
        this.opener = Objects.requireNonNull(opener, "opener");
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.writers = writers;
    }

    /** Writers unless the store URI's {@code writers=} says otherwise: one per core, at most 4. */
    public static int defaultCount() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The store URI's {@code writers=} option: the default when absent.
     *
     * @throws LandfallException USAGE naming the store and the value
     */
    public static int parseCount(String label, String value) {
        if (value == null) {
            return defaultCount();
        }
        int n = value.matches("[0-9]{1,3}") ? Integer.parseInt(value) : 0;
        if (n < 1 || n > MAX) {
            throw LandfallException.usage(
                    "store " + label + ": writers '" + value + "' is not a number from 1 to " + MAX,
                    "write it as writers=N, e.g. writers=4 (writers=1 writes on one connection)");
        }
        return n;
    }

    public int writers() {
        return writers;
    }

    /**
     * Cuts a sorted batch into contiguous ranges, as many as there are writers but each of at
     * least {@code minPart} items (one range when the batch is smaller).
     */
    public <T> List<List<T>> ranges(List<T> sorted, int minPart) {
        int parts = Math.max(1, Math.min(writers, sorted.size() / Math.max(1, minPart)));
        List<List<T>> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            out.add(sorted.subList(sorted.size() * i / parts, sorted.size() * (i + 1) / parts));
        }
        return out;
    }

    /**
     * Runs the parts at once, part {@code i} on connection {@code i}, and returns when all have ended.
     * Parts are independent transactions: when some fail, the others may have committed. The
     * first failure, in part order, is thrown, with the later ones suppressed into it.
     */
    public void runAll(List<Consumer<C>> parts) {
        if (parts.size() > writers) {
            throw new IllegalArgumentException(parts.size() + " parts for " + writers + " writers");
        }
        List<C> connections = new ArrayList<>(parts.size());
        for (int i = 1; i < parts.size(); i++) {
            connections.add(connection(i)); // all before any part starts: one that cannot connect fails alone
        }
        List<Future<?>> running = new ArrayList<>(parts.size());
        for (int i = 1; i < parts.size(); i++) {
            C connection = connections.get(i - 1);
            Consumer<C> part = parts.get(i);
            running.add(threads().submit(() -> part.accept(connection)));
        }
        RuntimeException failure = null;
        try {
            parts.get(0).accept(main);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : running) {
            failure = merge(failure, outcome(f));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException outcome(Future<?> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return null;
                } catch (InterruptedException e) {
                    // The part holds a connection mid-transaction: wait for it rather than leave it behind.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                return r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException merge(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.addSuppressed(next);
        }
        return first;
    }

    private synchronized C connection(int i) {
        if (closed) {
            throw new IllegalStateException("store " + store + " is closed");
        }
        while (extra.size() < i) {
            extra.add(opener.get()); // connects on first use, in its part
        }
        return extra.get(i - 1);
    }

    private synchronized ExecutorService threads() {
        if (threads == null) {
            threads = Executors.newFixedThreadPool(writers - 1, r -> {
                Thread t = new Thread(r, "landfall-writer");
                t.setDaemon(true); // never keeps the JVM up: close() is what ends a run
                return t;
            });
        }
        return threads;
    }

    /** Closes every connection; may be called from another thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(main);
        List<C> opened;
        ExecutorService pool;
        synchronized (this) {
            opened = List.copyOf(extra);
            pool = threads;
        }
        for (C c : opened) {
            closeQuietly(c);
        }
        if (pool != null) {
            pool.shutdown();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway: what was not flushed is lost, as close() promises
        }
    }
}
