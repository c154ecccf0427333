package dev.landfall.core.copy;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.cursor.PrefetchingCursor;
import dev.landfall.core.diff.ChangeTally;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.diff.MergeJoin;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Committable;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Brings a store in line with a source, scope by scope: a {@link MergeJoin} of the two in key
 * order decides for every key whether to create, update, delete or leave it, so only changes are
 * written and a second run over the same data writes nothing. Writes go in batches, each flushed
 * as one transaction; with a journal, each flushed batch's source checkpoint is journaled and a
 * restarted run continues after it.
 *
 * <p>An interrupted run leaves every batch fully in or fully out; running again converges to the
 * same content. Memory is one batch, whatever the size of a scope. Used from one thread.
 */
public final class Importer {
    /** Unchanged keys also close a batch now and then, so a resumed run need not compare them again. */
    private static final int COMPARED_PER_BATCH_FACTOR = 10;

    private final Source source;
    private final Store store;
    private final WriteMode mode;
    private final CommitPolicy policy;
    private final Clock clock;
    private final ImportListener listener;
    private RunJournal journal;
    private Predicate<Scope> scopes = s -> true;
    private BooleanSupplier stopRequested = () -> false;

    public Importer(
            Source source, Store store, WriteMode mode, CommitPolicy policy, Clock clock, ImportListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Journals checkpoints, and resumes after those an earlier run journaled. */
    public Importer withJournal(RunJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        return this;
    }

    /**
     * Checked after every committed batch: when it says stop, the import ends there with {@link
     * RunStopped}, everything before it durable (and journaled).
     */
    public Importer stopWhen(BooleanSupplier stop) {
        this.stopRequested = Objects.requireNonNull(stop, "stop");
        return this;
    }

    /** Imports only the scopes the predicate accepts. */
    public Importer onlyScopes(Predicate<Scope> selected) {
        this.scopes = Objects.requireNonNull(selected, "selected");
        return this;
    }

    /** Imports every selected scope of the source; returns one result per scope, in order. */
    public ImportTotals importAll() throws IOException {
        ImportTotals totals = ImportTotals.ZERO;
        try (Cursor<Scope> all = source.scopes()) {
            while (all.next()) {
                Scope scope = all.current();
                if (!scopes.test(scope)) {
                    continue;
                }
                if (journal != null && journal.isDone(scope)) {
                    listener.scopeSkipped(scope);
                    totals = totals.plusSkipped();
                    continue;
                }
                totals = totals.plus(importScope(scope));
            }
        }
        return totals;
    }

    /** Imports one scope from its last journaled checkpoint (or the top) to its end, and commits it. */
    public ScopeImportResult importScope(Scope scope) throws IOException {
        Checkpoint after = journal == null ? Checkpoint.START : journal.lastCheckpoint(scope);
        boolean resumed = !after.isStart();
        // The store is read after the same key: store keys at or before it were settled by the run
        // that journaled the checkpoint.
        Checkpoint storeAfter = after.last().map(Checkpoint::after).orElse(Checkpoint.START);
        listener.scopeStarted(scope, resumed);
        ChangeTally tally = new ChangeTally(mode);
        long now = clock.instant().getEpochSecond();
        long expired;
        // The source is opened first: a source that cannot be read must leave the store untouched.
        // The source is read ahead on a thread of its own, so decoding it overlaps with writing;
        // the store's own cursor is not: the writer uses its connection.
        try (Cursor<Entry> sourceEntries = new PrefetchingCursor(source.entries(scope, after));
                ScopeWriter writer = store.open(scope, mode);
                MergeJoin join = new MergeJoin(sourceEntries, store.entries(scope, storeAfter), now)) {
            int batchWrites = 0;
            long batchBytes = 0;
            int batchCompared = 0;
            while (join.next()) {
                KeyChange change = join.current();
                switch (tally.take(change)) {
                    case PUT -> {
                        Entry e = change.after();
                        writer.put(e);
                        batchWrites++;
                        batchBytes += e.value().length;
                    }
                    case DELETE -> {
                        writer.delete(change.key());
                        batchWrites++;
                    }
                    case NONE -> {}
                }
                batchCompared++;
                listener.keyCompared(scope, change);
                if (policy.full(batchWrites, batchBytes)
                        || batchCompared >= policy.maxEntries() * COMPARED_PER_BATCH_FACTOR) {
                    commitBatch(scope, writer, join.checkpoint());
                    batchWrites = 0;
                    batchBytes = 0;
                    batchCompared = 0;
                }
            }
            commitBatch(scope, writer, join.checkpoint());
            expired = join.expiredInSource();
        }
        if (store instanceof Committable committable) {
            committable.commit();
        }
        ScopeImportResult result = new ScopeImportResult(scope, tally.counts(expired), resumed);
        if (journal != null) {
            journal.markDone(scope, result.counts().sourceKeys());
        }
        listener.scopeFinished(result);
        return result;
    }

    private void commitBatch(Scope scope, ScopeWriter writer, Checkpoint checkpoint) throws IOException {
        writer.flush();
        if (journal != null && !checkpoint.isStart()) {
            journal.append(scope, checkpoint);
        }
        listener.batchCommitted(scope);
        if (stopRequested.getAsBoolean()) {
            throw new RunStopped(scope);
        }
    }
}
