package dev.landfall.core.copy;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.diff.ChangeTally;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.diff.KeyChanges;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Committable;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeRestricting;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The one copy engine: brings a sink in line with a source, scope by scope. A {@link
 * WriteStrategy} decides per key what to write (every entry, for an export into a bundle; only
 * changes, for an import into a store); the {@link WriteMode} decides what a change may do
 * (upsert, mirror, create-only). Writes go in batches, each flushed as one transaction; with a
 * journal, each flushed batch's source checkpoint is then journaled, never before, and a
 * restarted run continues after it. Anything written after the last journaled checkpoint is
 * written again, which idempotent upserts absorb.
 *
 * <p>Memory is one batch, whatever the size of a scope. Used from one thread.
 */
public final class Copier {
    /** Unchanged keys also close a batch now and then, so a resumed run need not compare them again. */
    private static final int COMPARED_PER_BATCH_FACTOR = 10;

    private final Source source;
    private final Sink sink;
    private final WriteStrategy strategy;
    private final WriteMode mode;
    private final CommitPolicy policy;
    private final Clock clock;
    private final CopyListener listener;
    private RunJournal journal;
    private Predicate<Scope> scopes = s -> true;
    private BooleanSupplier stopRequested = () -> false;

    public Copier(
            Source source,
            Sink sink,
            WriteStrategy strategy,
            WriteMode mode,
            CommitPolicy policy,
            Clock clock,
            CopyListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Journals checkpoints, and resumes after those an earlier run journaled. */
    public Copier withJournal(RunJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        return this;
    }

    /** Copies only the scopes the predicate accepts. */
    public Copier onlyScopes(Predicate<Scope> selected) {
        this.scopes = Objects.requireNonNull(selected, "selected");
        return this;
    }

    /**
     * Checked after every committed batch: when it says stop, the copy ends there with {@link
     * RunStopped}, everything before it durable (and journaled).
     */
    public Copier stopWhen(BooleanSupplier stop) {
        this.stopRequested = Objects.requireNonNull(stop, "stop");
        return this;
    }

    /**
     * Copies every selected scope the source lists, skipping those the journal marks done. A sink
     * that is {@link ScopeRestricting} is first shown every scope to be written, so one it refuses
     * fails the copy before anything is written.
     */
    public CopyTotals copyAll() throws IOException {
        if (sink instanceof ScopeRestricting restricting) {
            restricting.checkWritable(scopesToCopy());
        }
        CopyTotals totals = CopyTotals.ZERO;
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
                totals = totals.plus(copy(scope));
            }
        }
        return totals;
    }

    /** The selected scopes the journal does not mark done, in the source's order. */
    private List<Scope> scopesToCopy() throws IOException {
        List<Scope> out = new ArrayList<>();
        try (Cursor<Scope> all = source.scopes()) {
            while (all.next()) {
                Scope scope = all.current();
                if (scopes.test(scope) && (journal == null || !journal.isDone(scope))) {
                    out.add(scope);
                }
            }
        }
        return out;
    }

    /** Copies one scope from its last journaled checkpoint (or the top) to its end, and commits it. */
    public ScopeCopyResult copy(Scope scope) throws IOException {
        Checkpoint after = journal == null ? Checkpoint.START : journal.lastCheckpoint(scope);
        boolean resumed = !after.isStart();
        listener.scopeStarted(scope, resumed);
        ChangeTally tally = new ChangeTally(mode);
        long expired;
        // The source is opened first: a source that cannot be read must leave the sink untouched.
        try (Cursor<Entry> read = strategy.read(source.entries(scope, after));
                ScopeWriter writer = sink.open(scope, mode);
                KeyChanges changes = strategy.changes(read, scope, after, clock)) {
            int batchWrites = 0;
            long batchBytes = 0;
            int batchCompared = 0;
            while (changes.next()) {
                KeyChange change = changes.current();
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
                    commitBatch(scope, writer, changes.checkpoint(), false);
                    batchWrites = 0;
                    batchBytes = 0;
                    batchCompared = 0;
                }
            }
            commitBatch(scope, writer, changes.checkpoint(), true);
            expired = changes.expiredInSource();
        }
        if (sink instanceof Committable committable) {
            committable.commit();
        }
        ScopeCopyResult result = new ScopeCopyResult(scope, tally.counts(expired), resumed);
        if (journal != null) {
            journal.markDone(scope, result.counts().sourceKeys());
        }
        listener.scopeFinished(result);
        return result;
    }

    /**
     * Flushes the batch, then journals its checkpoint; the last batch of a scope is journaled by
     * the scope's done mark alone, unless the run stops there. A crash between the two repeats only
     * that batch, as any crash after a flush does, and a scope of one batch (a small Durable Object)
     * costs one journal fsync instead of two.
     */
    private void commitBatch(Scope scope, ScopeWriter writer, Checkpoint checkpoint, boolean last) throws IOException {
        writer.flush();
        boolean journaled = journal != null && !checkpoint.isStart();
        if (journaled && !last) {
            journal.append(scope, checkpoint);
        }
        listener.batchCommitted(scope);
        if (stopRequested.getAsBoolean()) {
            if (journaled && last) {
                journal.append(scope, checkpoint);
            }
            throw new RunStopped(scope);
        }
    }
}
