package dev.landfall.core.copy;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Copies several scopes at once, each by {@link Copier#copy(Scope)} on a thread of its own, so the
 * round trips and fsyncs of many small scopes (Durable Objects) overlap. Each scope is still
 * journaled on its own, so a resume after any crash continues every unfinished scope from its own
 * checkpoint. When one copy fails, the others stop after their next committed batch (as with
 * {@link RunStopped}) and the first failure is thrown.
 *
 * <p>Use: the copier gets {@link #listener} and {@link #stopWhen}, then {@link #copyAll} runs it.
 * The source must allow reading different scopes on several threads at once, the sink writing
 * them, and the journal is shared (its methods are synchronized).
 */
public final class ConcurrentCopy {
    private final int scopesAtOnce;
    private final AtomicBoolean failed = new AtomicBoolean();

    /** @param scopesAtOnce scopes copied at once, at least 1 */
    public ConcurrentCopy(int scopesAtOnce) {
        if (scopesAtOnce < 1) {
            throw new IllegalArgumentException("scopesAtOnce must be at least 1: " + scopesAtOnce);
        }
        this.scopesAtOnce = scopesAtOnce;
    }

    /** The listener to give the copier: the given one, called one call at a time. */
    public CopyListener listener(CopyListener listener) {
        return new SerializedListener(listener);
    }

    /** The stop condition to give the copier: the caller's, or another scope's copy failed. */
    public BooleanSupplier stopWhen(BooleanSupplier stop) {
        return () -> failed.get() || stop.getAsBoolean();
    }

    /**
     * Copies every scope of the source the journal does not mark done, {@code scopesAtOnce} at a
     * time; tells {@code listener} (the one given to the copier) about those it skips.
     */
    public CopyTotals copyAll(Copier copier, Source source, RunJournal journal, CopyListener listener)
            throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(scopesAtOnce, r -> {
            Thread t = new Thread(r, "landfall-copy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<ScopeCopyResult> copies = new ExecutorCompletionService<>(pool);
        CopyTotals totals = CopyTotals.ZERO;
        int running = 0;
        Throwable failure = null;
        try (Cursor<Scope> all = source.scopes()) {
            while (!failed.get() && all.next()) {
                Scope scope = all.current();
                if (journal.isDone(scope)) {
                    listener.scopeSkipped(scope);
                    totals = totals.plusSkipped();
                    continue;
                }
                if (running == scopesAtOnce) {
                    Outcome o = take(copies);
                    running--;
                    totals = o.result() == null ? totals : totals.plus(o.result());
                    failure = first(failure, o.failure());
                }
                copies.submit(() -> copier.copy(scope));
                running++;
            }
        } catch (IOException | RuntimeException | Error e) {
            failed.set(true);
            failure = first(failure, e);
        } finally {
            try {
                while (running > 0) {
                    Outcome o = take(copies);
                    running--;
                    totals = o.result() == null ? totals : totals.plus(o.result());
                    failure = first(failure, o.failure());
                }
            } finally {
                pool.shutdownNow(); // interrupted while waiting: the copies stop with the pool
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return totals;
    }

    private record Outcome(ScopeCopyResult result, Throwable failure) {}

    /** The next finished copy; a failed one stops the others. */
    private Outcome take(CompletionService<ScopeCopyResult> copies) throws InterruptedIOException {
        try {
            return new Outcome(copies.take().get(), null);
        } catch (ExecutionException e) {
            failed.set(true);
            return new Outcome(null, e.getCause());
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying scopes");
        }
    }

    /**
     * The failure to report: the first, except that a copy stopped because another failed is not
     * the cause (a stop the caller asked for is, when nothing failed).
     */
    private static Throwable first(Throwable so, Throwable next) {
        if (next == null) {
            return so;
        }
        if (so == null) {
            return next;
        }
        return so instanceof RunStopped && !(next instanceof RunStopped) ? next : so;
    }
}
