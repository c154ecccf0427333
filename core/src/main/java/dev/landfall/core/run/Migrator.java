package dev.landfall.core.run;

import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.copy.SourceCheck;
import dev.landfall.core.copy.WriteStrategy;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.report.LeftBehindText;
import dev.landfall.core.report.RefusedValueText;
import dev.landfall.core.run.MigrationListener.Phase;
import dev.landfall.core.spi.ApiMetered;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.ExpiryCounts;
import dev.landfall.core.spi.LeftBehind;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Moves data into a store as one resumable run: a remote source (one that spends an API budget)
 * is first exported into a bundle in the run directory, so a resume or the verification never
 * spends the budget again; then the bundle (or a local source, directly) is imported writing only
 * what changed; then every scope's count and digest are verified; the report is written into the
 * run directory in every format. Every committed batch of both copies is journaled, so {@link
 * #migrate} on the same run directory after a crash continues where it stopped.
 */
public final class Migrator {
    /** Differing keys named per scope in the report. */
    private static final int SHOWN_DIFFERENCES = 20;

    private final RunDirectory run;
    private final SourceEnv env;
    private final String toolVersion;

    /**
     * @param run the run directory, holding the {@link RunSpec}
     * @param env the environment; its options are replaced by the run's
     */
    public Migrator(RunDirectory run, SourceEnv env, String toolVersion) {
        this.run = Objects.requireNonNull(run, "run");
        this.env = Objects.requireNonNull(env, "env");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /**
     * Whether a run from this source exports it into a bundle first: a source that spends an API
     * budget does. Opens the source (which checks the flags and environment that apply to it,
     * without any request) and closes it again.
     */
    public static boolean stagesThroughBundle(String from, SourceEnv env) throws IOException {
        try (Source source = SourceRegistry.open("--from", StoreUri.parse(from), env)) {
            return source instanceof ApiMetered;
        }
    }

    /**
     * Starts a new run in {@code dir}: checks the source's flags and credentials by opening it (no
     * request is made), decides whether it is exported into a bundle first, and writes the run's
     * description. Nothing is written when a check fails.
     *
     * @param from the source, with any password (the run keeps it masked)
     * @param to the store, likewise
     * @param keepBundle where to keep a staged source's bundle, or null for {@code DIR/export}
     */
    public static RunDirectory newRun(
            Path dir, String from, String to, WriteMode mode, int batch, Path keepBundle, SourceEnv env)
            throws IOException {
        return newRun(dir, from, to, mode, batch, keepBundle, null, env);
    }

    /**
     * As {@link #newRun(Path, String, String, WriteMode, int, Path, SourceEnv)}, for a run that
     * follows the source's change log after the full load ({@link LiveMigration}).
     *
     * @param followWindow the consistency window, or null for a run that does not follow
     */
    public static RunDirectory newRun(
            Path dir,
            String from,
            String to,
            WriteMode mode,
            int batch,
            Path keepBundle,
            java.time.Duration followWindow,
            SourceEnv env)
            throws IOException {
        boolean staged = stagesThroughBundle(from, env);
        if (!staged && keepBundle != null) {
            throw LandfallException.usage(
                    "--keep-bundle applies to a Cloudflare source",
                    "the source " + StoreUri.parse(from) + " is kept as it is");
        }
        String bundle = !staged ? null : (keepBundle != null ? keepBundle : dir.resolve("export")).toString();
        RunSpec spec = new RunSpec(
                StoreUri.parse(from).toString(),
                StoreUri.parse(to).toString(),
                mode,
                env.options(),
                bundle,
                batch,
                followWindow == null ? null : followWindow.toMillis());
        return RunDirectory.create(dir, spec, env.clock());
    }

    /**
     * Runs (or continues) the migration.
     *
     * @param from the source, with its password if it has one (the run keeps it masked)
     * @param to the store, likewise
     * @param stop checked after every committed batch; true ends the run with {@link RunStopped}
     * @return the report, also written into the run directory
     */
    public MigrationReport migrate(String from, String to, MigrationListener listener, BooleanSupplier stop)
            throws IOException {
        RunSpec spec = run.spec();
        Clock clock = env.clock();
        Instant started = clock.instant();
        SourceEnv runEnv = env.withOptions(spec.source().withTrace(env.options().trace()));
        run.log(run.resumed() ? "resumed" : "started: " + spec.from() + " -> " + spec.to());
        try {
            ExportResult exported = spec.staged() ? export(spec, from, runEnv, listener, stop) : null;
            MigrationReport report = importAndVerify(spec, from, StoreUri.parse(to), runEnv, exported, listener, stop);
            report = report.took(Duration.between(started, clock.instant()).toNanos() / 1e9);
            writeReports(report);
            run.log("finished: " + (report.equal() ? "verified equal" : "data differs")
                    + (report.notExported().isEmpty()
                            ? ""
                            : ", " + report.notExported().size() + " value(s) not exported")
                    + LeftBehindText.headline(report.leftBehind()));
            for (LeftBehind l : report.leftBehind()) {
                run.log("left behind: " + LeftBehindText.line(l, "migrated"));
            }
            return report;
        } catch (RunStopped stopped) {
            run.log("stopped on request");
            throw stopped;
        } catch (RuntimeException | IOException e) {
            run.log("failed: " + e.getMessage());
            // Bad input fails the same way on every resume: a run that committed nothing is removed.
            if (e instanceof LandfallException le && !le.kind().retryable()) {
                run.discardIfUnused();
            }
            throw e;
        }
    }

    private ExportResult export(
            RunSpec spec, String from, SourceEnv runEnv, MigrationListener listener, BooleanSupplier stop)
            throws IOException {
        ExportBundle bundle = new ExportBundle(Path.of(spec.bundle()));
        run.log("export: into bundle:" + bundle.dir());
        try (Source source = SourceRegistry.open("--from", StoreUri.parse(from), runEnv)) {
            // A run's bundle belongs to it: continuing it is always right.
            ExportResult result = new Exporter(new ExportOptions(bundle, true, false, toolVersion), runEnv.clock())
                    .export(source, listener.phaseStarted(Phase.EXPORT, source), stop);
            for (var r : result.refused()) {
                run.log("export: not exported: " + RefusedValueText.line(r));
            }
            run.log("export: done, " + result.api().requests() + " requests");
            return result;
        }
    }

    private MigrationReport importAndVerify(
            RunSpec spec,
            String from,
            StoreUri target,
            SourceEnv runEnv,
            ExportResult exported,
            MigrationListener listener,
            BooleanSupplier stop)
            throws IOException {
        // A staged run reads its bundle, which holds only the scopes the export selected.
        String location = spec.staged() ? "bundle:" + spec.bundle() : from;
        SourceEnv readEnv = spec.staged() ? runEnv.withOptions(SourceOptions.DEFAULTS) : runEnv;
        ApiUsage storeApi = ApiUsage.ZERO;
        try (Source source = SourceRegistry.open("--from", StoreUri.parse(location), readEnv)) {
            ScopeSelection selection = ScopeSelection.forSource(source, readEnv.options());
            selection.checkAgainst(source);
            try (RunJournal journal = RunJournal.open(run.importJournal(), runEnv.clock())) {
                // Scopes an earlier attempt finished were checked and copied then.
                new SourceCheck(source).readThrough(s -> selection.test(s) && !journal.isDone(s));
                try (Store store = StoreRegistry.open("--to", target, runEnv)) {
                    run.log("import: into " + target);
                    if (store instanceof RefusingValues refusing) {
                        refusing.onRefused(v -> {
                            listener.notWritten(v);
                            try {
                                run.log("import: not written: " + RefusedValueText.line(v));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                    CopyListener progress = listener.phaseStarted(Phase.IMPORT, source);
                    new Copier(
                                    source,
                                    store,
                                    WriteStrategy.changesAgainst(store),
                                    spec.mode(),
                                    new CommitPolicy(spec.batch(), 16L * 1024 * 1024),
                                    runEnv.clock(),
                                    progress.then(new Recording(run)))
                            .withJournal(journal)
                            .onlyScopes(selection)
                            .stopWhen(stop)
                            .copyAll();
                    storeApi = storeApi.plus(ApiUsage.of(store));
                    run.log("import: done");
                }
            }
            run.log("verify: counts and digests per scope");
            listener.phaseStarted(Phase.VERIFY, source);
            List<ScopeVerification> verified;
            try (Source store = StoreRegistry.openForReading("--to", target, runEnv)) {
                verified = new DataVerifier(source, store, SHOWN_DIFFERENCES, runEnv.clock()).verify(selection);
                storeApi = storeApi.plus(ApiUsage.of(store));
            }
            Map<String, Long> expired = new HashMap<>();
            Map<String, Long> vanished = new HashMap<>();
            // A store behind an API (Workers KV, the way back) spends the budget too.
            ApiUsage api = storeApi;
            List<RefusedValue> notExported = List.of();
            List<LeftBehind> leftBehind = List.of();
            if (exported != null) {
                notExported = exported.refused();
                leftBehind = exported.leftBehind();
                api = api.plus(exported.api());
                for (ExportResult.Namespace n : exported.namespaces()) {
                    ExpiryCounts c = n.expiry();
                    KvNamespace ns = n.namespace();
                    expired.put(ns.id(), c.expired());
                    vanished.put(ns.id(), c.vanished());
                }
            }
            return new MigrationReport(
                    spec,
                    verified,
                    run.results(),
                    expired,
                    vanished,
                    0,
                    api.requests(),
                    api.rateLimited(),
                    notExported,
                    leftBehind);
        }
    }

    private void writeReports(MigrationReport report) throws IOException {
        writeReport(run.report("txt"), report::text);
        writeReport(run.report("md"), report::markdown);
        writeReport(run.report("json"), report::json);
        writeReport(run.report("html"), report::html);
    }

    private static void writeReport(java.nio.file.Path file, java.util.function.Consumer<PrintWriter> body)
            throws IOException {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            body.accept(w);
        }
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Records each finished scope in the run directory. */
    private record Recording(RunDirectory run) implements CopyListener {
        @Override
        public void scopeFinished(ScopeCopyResult result) {
            try {
                run.recordResult(result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
