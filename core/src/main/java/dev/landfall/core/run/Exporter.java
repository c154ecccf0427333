package dev.landfall.core.run;

import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.ConcurrentCopy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.copy.WriteStrategy;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.AccountBound;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.ConcurrentScopes;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ExpiryCounts;
import dev.landfall.core.spi.LeavingScopesBehind;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeSkipping;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Exports a source (a Cloudflare account, or any other) into a bundle, resumably: every committed
 * batch is journaled in the bundle, so after any interruption the same export with {@code resume}
 * continues where it stopped. A bundle that holds an earlier export is never overwritten by
 * accident: it needs {@code resume} or {@code force}. An export that fails before it journals its
 * first batch removes what it created, so the corrected command runs as a new export.
 */
public final class Exporter {
    private final ExportOptions options;
    private final Clock clock;

    public Exporter(ExportOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the bundle, then copies every scope of the source into it. Nothing is read from the
     * source, and nothing deleted, before the bundle is found fit.
     *
     * @param listener hears every scope, key and batch
     * @param stop checked after every committed batch; true ends the export with {@link
     *     dev.landfall.core.copy.RunStopped}
     * @throws LandfallException USAGE when the bundle holds an earlier export and neither resume nor
     *     force is given
     */
    public ExportResult export(Source source, CopyListener listener, BooleanSupplier stop) throws IOException {
        ExportBundle target = options.bundle();
        boolean earlier = target.holdsExport();
        if (earlier && !options.resume() && !options.force()) {
            throw LandfallException.usage(
                    "bundle:" + target.dir() + " already holds an export",
                    "add --resume to continue it, or --force to delete it and start over");
        }
        if (earlier && options.force()) {
            // The source answers first: a wrong token, a wrong account or the API down must not
            // cost the earlier export that --force was about to replace.
            try (Cursor<Scope> scopes = source.scopes()) {
                scopes.next();
            }
            target.clear();
        }
        Optional<Path> created = target.missingFrom();
        try {
            return copy(source, target, listener, stop);
        } catch (IOException | RuntimeException e) {
            if (!earlier || options.force()) {
                // Nothing of an earlier export is at stake; a run that journaled no batch (a wrong
                // token, a wrong account, the API down) leaves nothing behind, so a rerun is not
                // taken for a resume.
                try {
                    target.removeUnjournaled(created);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private ExportResult copy(Source source, ExportBundle target, CopyListener listener, BooleanSupplier stop)
            throws IOException {
        Instant started = clock.instant();
        Optional<String> account = source instanceof AccountBound a ? Optional.of(a.accountId()) : Optional.empty();
        Summary summary = new Summary(source);
        CopyTotals totals;
        List<RefusedValue> refused;
        try (RunJournal journal = RunJournal.open(target.journal(), clock);
                BundleStore bundle = new BundleStore(
                        target.dir(),
                        BundleOptions.builder()
                                .toolVersion(options.toolVersion())
                                .accountId(account.orElse(null))
                                .clock(clock)
                                .build())) {
            if (source instanceof ScopeSkipping skipping) {
                skipping.skipFinished(journal::isDone);
            }
            if (source instanceof RefusingValues refusing) {
                // Journaled with the checkpoint past them: a resume that skips them still reports them.
                refusing.onRefused(journal::refuse);
            }
            int scopesAtOnce = source instanceof ConcurrentScopes c ? Math.max(1, c.scopesAtOnce()) : 1;
            ConcurrentCopy concurrent = new ConcurrentCopy(scopesAtOnce);
            CopyListener heard =
                    scopesAtOnce > 1 ? concurrent.listener(listener.then(summary)) : listener.then(summary);
            Copier copier = new Copier(
                            source,
                            new CommittedAtEnd(bundle),
                            WriteStrategy.allEntries(),
                            WriteMode.UPSERT,
                            CommitPolicy.DEFAULT,
                            clock,
                            heard)
                    .withJournal(journal)
                    .stopWhen(concurrent.stopWhen(stop));
            totals = scopesAtOnce > 1 ? concurrent.copyAll(copier, source, journal, heard) : copier.copyAll();
            // The one manifest write of the export; an export of no scope is still a bundle: it
            // reads as empty, not as missing.
            bundle.commit();
            refused = journal.refused();
        }
        double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
        return new ExportResult(
                target.dir(),
                account,
                totals,
                summary.namespaces,
                summary.durableObjects,
                refused,
                source instanceof LeavingScopesBehind leaving ? leaving.leftBehind() : List.of(),
                ApiUsage.of(source),
                seconds);
    }

    /**
     * The bundle as the copy sees it: a sink that is not {@link dev.landfall.core.spi.Committable},
     * so the copy does not rewrite the manifest after every scope (which made each commit cost
     * O(scopes), an export of many small Durable Objects O(scopes²)). A finished scope is durable
     * all the same: its last flush recorded every part in its {@code pending.json} before the
     * journal marks it done, and a resumed export folds those pending generations into the
     * manifest with the rest when it commits at the end.
     */
    private record CommittedAtEnd(BundleStore bundle) implements Sink {
        @Override
        public ScopeWriter open(Scope scope, WriteMode mode) throws IOException {
            return bundle.open(scope, mode);
        }

        @Override
        public void close() {
            // The exporter closes (and so commits) the bundle itself.
        }
    }

    /** Collects a line per KV namespace, and one sum for Durable Objects, as each scope finishes. */
    private static final class Summary implements CopyListener {
        private final Source source;
        private final List<ExportResult.Namespace> namespaces = new ArrayList<>();
        private ExportResult.DurableObjects durableObjects = ExportResult.DurableObjects.NONE;

        Summary(Source source) {
            this.source = source;
        }

        @Override
        public void scopeFinished(ScopeCopyResult result) {
            if (result.scope() instanceof KvNamespace ns) {
                namespaces.add(new ExportResult.Namespace(ns, result, ExpiryCounts.of(source, ns)));
            } else if (result.scope() instanceof DurableObject d) {
                durableObjects =
                        durableObjects.plus(d.holdsSqlTables(), result.counts().created());
            }
        }
    }
}
