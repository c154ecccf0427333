package dev.landfall.core.copy;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Committable;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Copies every scope of a source into a sink, resumably: entries go to the sink in batches; each
 * batch is flushed, and only then is the cursor's checkpoint appended to the run journal. A
 * crashed run restarted with the same journal continues after the last journaled checkpoint;
 * anything written after it is written again, which idempotent upserts absorb.
 *
 * <p>Memory is bounded by one batch, whatever the size of a scope. Used from one thread.
 */
public final class Copier {
    private final Source source;
    private final Sink sink;
    private final RunJournal journal;
    private final CommitPolicy policy;
    private final WriteMode mode;
    private final Clock clock;
    private final CopyListener listener;
    private BooleanSupplier stopRequested = () -> false;

    public Copier(
            Source source,
            Sink sink,
            RunJournal journal,
            CommitPolicy policy,
            WriteMode mode,
            Clock clock,
            CopyListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Checked after every committed batch: when it says stop, the copy ends there with {@link
     * RunStopped}, everything before it durable and journaled.
     */
    public Copier stopWhen(BooleanSupplier stop) {
        this.stopRequested = Objects.requireNonNull(stop, "stop");
        return this;
    }

    /** Copies every scope the source lists, skipping those the journal marks done. */
    public CopyTotals copyAll() throws IOException {
        CopyTotals totals = CopyTotals.ZERO;
        try (Cursor<Scope> scopes = source.scopes()) {
            while (scopes.next()) {
                Scope scope = scopes.current();
                if (journal.isDone(scope)) {
                    listener.scopeSkipped(scope);
                    totals = totals.plusSkipped();
                    continue;
                }
                totals = totals.plus(copy(scope));
            }
        }
        return totals;
    }

    /** Copies one scope from its last journaled checkpoint to its end, then commits it. */
    public ScopeCopyResult copy(Scope scope) throws IOException {
        Checkpoint after = journal.lastCheckpoint(scope);
        boolean resumed = !after.isStart();
        listener.scopeStarted(scope, resumed);
        long entries = 0;
        long bytes = 0;
        long expired = 0;
        try (ScopeWriter writer = sink.open(scope, mode);
                Cursor<Entry> cursor = source.entries(scope, after)) {
            int batchEntries = 0;
            long batchBytes = 0;
            while (cursor.next()) {
                Entry e = cursor.current();
                if (e.expiredAt(clock.instant().getEpochSecond())) {
                    expired++;
                } else {
                    writer.put(e);
                    entries++;
                    bytes += e.value().length;
                    batchEntries++;
                    batchBytes += e.value().length;
                    listener.entryCopied(scope, e);
                }
                if (policy.full(batchEntries, batchBytes)) {
                    commitBatch(scope, writer, cursor, entries);
                    batchEntries = 0;
                    batchBytes = 0;
                }
            }
            commitBatch(scope, writer, cursor, entries);
        }
        if (sink instanceof Committable committable) {
            committable.commit();
        }
        journal.markDone(scope, entries);
        ScopeCopyResult result = new ScopeCopyResult(scope, entries, bytes, expired, resumed);
        listener.scopeFinished(result);
        return result;
    }

    private void commitBatch(Scope scope, ScopeWriter writer, Cursor<Entry> cursor, long entriesSoFar)
            throws IOException {
        writer.flush();
        journal.append(scope, cursor.checkpoint());
        listener.batchCommitted(scope, entriesSoFar);
        if (stopRequested.getAsBoolean()) {
            throw new RunStopped(scope);
        }
    }
}
