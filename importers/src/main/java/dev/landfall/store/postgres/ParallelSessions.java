package dev.landfall.store.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The store's sessions for writing: its main session and, for a flush split into parts, up to
 * {@code writers - 1} more, each with its own connection and thread, opened on first use. Part 0
 * runs on the caller's thread on the main session, so a flush that is not split costs no thread
 * hand-off; part {@code i} always runs on session {@code i}, so a session is never used by two
 * threads at once and each one keeps its prepared statements and staging tables between flushes.
 */
final class ParallelSessions implements AutoCloseable {
    /** One part of a flush, on the session it is given. */
    @FunctionalInterface
    interface Part {
        void run(PostgresSession session);
    }

    private final PostgresSession main;
    private final Supplier<PostgresSession> opener;
    private final int writers;
    private final List<PostgresSession> extra = new ArrayList<>();
    private ExecutorService threads;
    private volatile boolean closed;

    ParallelSessions(PostgresSession main, int writers, Supplier<PostgresSession> opener) {
        this.main = Objects.requireNonNull(main, "main");
        this.opener = Objects.requireNonNull(opener, "opener");
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.writers = writers;
    }

    int writers() {
        return writers;
    }

    /**
     * Runs the parts at once, part {@code i} on session {@code i}, and returns when all have ended.
     * Parts are independent transactions: when some fail, the others may have committed. The
     * first failure, in part order, is thrown, with the later ones suppressed into it.
     */
    void runAll(List<Part> parts) {
        if (parts.size() > writers) {
            throw new IllegalArgumentException(parts.size() + " parts for " + writers + " writers");
        }
        List<Future<?>> running = new ArrayList<>(parts.size());
        for (int i = 1; i < parts.size(); i++) {
            PostgresSession session = session(i);
            Part part = parts.get(i);
            running.add(threads().submit(() -> part.run(session)));
        }
        RuntimeException failure = null;
        try {
            parts.get(0).run(main);
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

    private synchronized PostgresSession session(int i) {
        if (closed) {
            throw new IllegalStateException("store " + main.uri().label() + " is closed");
        }
        while (extra.size() < i) {
            extra.add(opener.get()); // connects on first use, in its part
        }
        return extra.get(i - 1);
    }

    private synchronized ExecutorService threads() {
        if (threads == null) {
            threads = Executors.newFixedThreadPool(writers - 1, r -> {
                Thread t = new Thread(r, "landfall-postgres-writer");
                t.setDaemon(true); // never keeps the JVM up: close() is what ends a run
                return t;
            });
        }
        return threads;
    }

    /** Closes every session; may be called from another thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        main.close();
        List<PostgresSession> opened;
        ExecutorService pool;
        synchronized (this) {
            opened = List.copyOf(extra);
            pool = threads;
        }
        for (PostgresSession s : opened) {
            s.close();
        }
        if (pool != null) {
            pool.shutdown();
        }
    }
}
