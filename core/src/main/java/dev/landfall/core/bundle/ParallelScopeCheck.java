package dev.landfall.core.bundle;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads a committed scope of a bundle through on several threads, a part file at a time, checking
 * all that a reader from the top checks: each part through a {@link BundleCursor} of its own (size,
 * SHA-256, count, first and last key, keys strictly increasing, also from the previous part's last
 * key), and the scope digest, an order-independent sum, added up per thread and compared once all
 * parts are read. Parts are taken in file order, and a failure stops the taking of later parts,
 * so of several damaged parts the first is reported, as a reader from the top would have. The
 * entries read go to an {@link EntrySpool}, so that the copy after the check need not decode them
 * again.
 */
final class ParallelScopeCheck {
    private final Path dir;
    private final String bundleLabel;
    private final ScopeRecord record;
    private final String scopeWhere;
    private final AtomicInteger nextPart = new AtomicInteger();
    private final AtomicInteger firstFailedPart = new AtomicInteger(Integer.MAX_VALUE);
    private final Throwable[] failures;
    private final EntrySpool spool;

    /**
     * @param scopeWhere where the scope's record is, for a digest mismatch ({@code manifest.json line 12})
     * @param spool where the entries read go, for the copy that follows the check
     */
    ParallelScopeCheck(Path dir, String bundleLabel, ScopeRecord record, String scopeWhere, EntrySpool spool) {
        this.dir = dir;
        this.bundleLabel = bundleLabel;
        this.record = record;
        this.scopeWhere = scopeWhere;
        this.failures = new Throwable[record.parts().size()];
        this.spool = spool;
    }

    /** Reads every part on at most {@code threads} threads, handing each entry to {@code check}. */
    void run(int threads, Consumer<Entry> check) throws IOException {
        int n = Math.max(1, Math.min(threads, record.parts().size()));
        List<ScopeDigest.Accumulator> sums = new ArrayList<>();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ScopeDigest.Accumulator sum = ScopeDigest.accumulator();
            sums.add(sum);
            workers.add(() -> {
                readParts(sum, check);
                return null;
            });
        }
        if (n == 1) {
            readParts(sums.get(0), check);
        } else {
            runAll(workers);
        }
        throwFirstFailure();
        ScopeDigest.Accumulator total = ScopeDigest.accumulator();
        for (ScopeDigest.Accumulator sum : sums) {
            total.addAll(sum.toDigest());
        }
        BundleCursor.checkDigest(bundleLabel, scopeWhere, record.scope(), total.toDigest(), record.digest());
    }

    private static void runAll(List<Callable<Void>> workers) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "landfall-check");
            t.setDaemon(true);
            return t;
        });
        try {
            pool.invokeAll(workers); // each worker keeps its own failures; see throwFirstFailure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the bundle");
        } finally {
            pool.shutdownNow();
        }
    }

    private void readParts(ScopeDigest.Accumulator sum, Consumer<Entry> check) {
        List<PartRecord> parts = record.parts();
        for (int i = nextPart.getAndIncrement(); i < parts.size(); i = nextPart.getAndIncrement()) {
            if (i > firstFailedPart.get()) {
                return; // a part before this one is damaged: that is the failure to report
            }
            try {
                readPart(i, sum, check);
            } catch (IOException | RuntimeException | Error e) {
                failures[i] = e;
                firstFailedPart.accumulateAndGet(i, Math::min);
                return;
            }
        }
    }

    private void readPart(int i, ScopeDigest.Accumulator sum, Consumer<Entry> check) throws IOException {
        PartRecord part = record.parts().get(i);
        Key previous = i == 0 ? null : record.parts().get(i - 1).lastKey();
        try (Cursor<Entry> entries = new BundleCursor(
                                dir, bundleLabel, record.scope(), List.of(part), null, null, scopeWhere)
                        .after(previous);
                EntrySpool.PartWriter spooled = spool.part(record, i)) {
            while (entries.next()) {
                Entry e = entries.current();
                sum.add(e);
                check.accept(e);
                spooled.add(e);
            }
            spooled.complete(); // the part's size, SHA-256, count and last key were checked by now
        }
    }

    private void throwFirstFailure() throws IOException {
        int first = firstFailedPart.get();
        if (first == Integer.MAX_VALUE) {
            return;
        }
        Throwable failure = failures[first];
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }
}
