package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.location.SourceLocation;
import dev.landfall.cli.migrate.MigrationReport;
import dev.landfall.cli.migrate.RunDirectory;
import dev.landfall.cli.migrate.RunSpec;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.Budgets;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.option.WriteModeConverter;
import dev.landfall.cli.render.ExportProgress;
import dev.landfall.cli.render.ImportProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.kv.KvScopeCounters;
import dev.landfall.cloudflare.source.CloudflareAccountSource;
import dev.landfall.cloudflare.worker.ExportWorkerAccess;
import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.ImportListener;
import dev.landfall.core.copy.Importer;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.copy.ScopeImportResult;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall migrate}: export, import and verify as one resumable, checkpointed run. */
@Command(
        name = "migrate",
        header = "Move data into a store as one resumable run: export, import, verify, report.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "From a Cloudflare account, first exports the chosen KV namespaces into a bundle",
            "in the run directory (within the API budget), then imports it into STORE",
            "writing only what changed, then verifies every scope's count and digest, and",
            "writes the report (text, md, json, html) into the run directory. From a",
            "bundle, a wrangler file or a store, it imports and verifies directly.",
            "",
            "Every committed batch is journaled in the run directory. After a crash, a kill",
            "or Ctrl-C (which stops cleanly at the next batch), 'landfall migrate --resume",
            "DIR' continues where it stopped: nothing lost, nothing applied twice in effect.",
            "Run directory layout: docs/migrate.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall migrate --from cloudflare://023e105f4ecef8ad9ca31a8372d0c353 --to sqlite:landfall.db",
            "  landfall migrate --from bundle:export/ --to postgres://app@db:5432/app --run-dir runs/1",
            "  landfall migrate --resume runs/1",
            "",
            "Exit codes: 0 migrated and verified equal; 3 verified NOT equal; 1 runtime failure",
            "(resume with --resume DIR); 2 a bad flag, URI, token or store; 130 stopped by Ctrl-C",
            "(resume with --resume DIR)."
        })
public final class MigrateCommand implements Callable<Integer> {
    /** Durable Objects read at once during the export phase. */
    private static final int DO_CONCURRENCY = 4;

    private static final DateTimeFormatter RUN_NAME =
            DateTimeFormatter.ofPattern("'landfall-run-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--from",
            paramLabel = "SOURCE",
            description = "cloudflare://ACCOUNT, bundle:DIR, wrangler:FILE.json or a store URI (not with --resume).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "STORE",
            description = "The store to fill (default: sqlite:landfall.db; with --resume, the run's store).")
    String to;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            description = "Where the run keeps its journal, log and report (default: ./landfall-run-DATE-TIME).")
    Path runDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR where it stopped.")
    Path resume;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            converter = WriteModeConverter.class,
            description = "upsert (default), mirror (also delete keys SOURCE lacks) or create-only.")
    WriteMode mode;

    @Option(
            names = "--keep-bundle",
            paramLabel = "DIR",
            description =
                    "Export a Cloudflare source into this bundle directory and keep it (default: RUN_DIR/export).")
    Path keepBundle;

    @Option(
            names = "--kv",
            paramLabel = "NAMESPACE",
            description = "Migrate only this KV namespace (id or title; repeatable).")
    List<String> kv = new ArrayList<>();

    @Option(
            names = "--do",
            paramLabel = "NAMESPACE",
            description = "Migrate only this Durable Object namespace. With cloudflare://: its id, name or class,"
                    + " read through the export Worker.")
    List<String> durableObjects = new ArrayList<>();

    @Option(
            names = "--export-worker",
            paramLabel = "URL",
            description = "With cloudflare:// and --do: the export Worker (default: LANDFALL_EXPORT_WORKER_URL; secret"
                    + " from LANDFALL_EXPORT_SECRET). May be given again with --resume.")
    String exportWorker;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Entries per store transaction, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--api-budget",
            paramLabel = "N/WINDOW",
            defaultValue = "1200/300s",
            description = "Stay under N Cloudflare requests in any WINDOW (default: ${DEFAULT-VALUE}).")
    String apiBudget;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = ReportFormat.Converter.class,
            description = "The report printed at the end: text (default), md, json or html; all four are written"
                    + " into the run directory.")
    ReportFormat format;

    public MigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Clock clock = Clock.systemUTC();
        if (batch < 1 || batch > 1_000_000) {
            throw LandfallException.usage("--batch " + batch + " is out of range", "use 1..1000000");
        }
        RunDirectory run;
        RunSpec spec;
        String source;
        String store;
        if (resume != null) {
            if (runDir != null || mode != null || keepBundle != null || !kv.isEmpty() || !durableObjects.isEmpty()) {
                throw LandfallException.usage(
                        "--resume continues a run as it was started",
                        "give --resume DIR alone (and --from or --to again only to supply a password)");
            }
            run = RunDirectory.open(resume, clock);
            spec = run.spec();
            source = again("--from", from, spec.from());
            store = again("--to", to, spec.to());
        } else {
            if (from == null) {
                throw LandfallException.usage(
                        "--from is required", "name the source, or continue a run with --resume DIR");
            }
            source = from;
            store = to == null ? "sqlite:landfall.db" : to;
            Path dir = runDir != null ? runDir : Path.of(RUN_NAME.format(clock.instant()));
            boolean cloudflare = from.startsWith("cloudflare:");
            if (cloudflare && !durableObjects.isEmpty()) {
                ExportWorkerAccess.resolve(exportWorker, context.env(), "--do"); // fails before anything is written
            }
            String bundle = !cloudflare ? null : (keepBundle != null ? keepBundle : dir.resolve("export")).toString();
            if (!cloudflare && keepBundle != null) {
                throw LandfallException.usage(
                        "--keep-bundle applies to a Cloudflare source", "the source " + from + " is kept as it is");
            }
            // The run keeps, logs and reports its locations with passwords masked; the real ones
            // live only in this process.
            spec = new RunSpec(
                    StoreUri.parse(from).toString(),
                    StoreUri.parse(store).toString(),
                    mode == null ? WriteMode.UPSERT : mode,
                    kv,
                    durableObjects,
                    bundle);
            run = RunDirectory.create(dir, spec, clock);
        }
        StoreUri target = StoreUri.parse(store);
        long started = System.nanoTime();
        ExportOutcome exported = ExportOutcome.NONE;
        try (StopOnInterrupt stop = new StopOnInterrupt(() -> context.err()
                .println("migrate: stopping at the next committed batch (Ctrl-C again to quit at once)"))) {
            run.log(resume == null ? "started: " + spec.from() + " -> " + spec.to() : "resumed");
            if (spec.fromCloudflare()) {
                exported = export(spec, run, clock, stop);
            }
            MigrationReport report = importAndVerify(spec, source, target, run, clock, stop, exported, started);
            writeReports(run, report);
            run.log("finished: " + (report.equal() ? "verified equal" : "data differs"));
            ReportOutput.write(null, context.out(), w -> {
                switch (format) {
                    case TEXT -> report.text(w);
                    case MD -> report.markdown(w);
                    case JSON -> report.json(w);
                    case HTML -> report.html(w);
                }
            });
            context.err().println("migrate: reports in " + run.path() + "/report.{txt,md,json,html}");
            return report.equal() ? 0 : 3;
        } catch (RunStopped stopped) {
            run.log("stopped on request");
            context.err().println("migrate: stopped cleanly after the last committed batch; nothing is lost.");
            context.err().println("migrate: continue with: landfall migrate --resume " + run.path());
            return 130;
        } catch (LandfallException e) {
            run.log("failed: " + e.getMessage());
            throw withResumeHint(e, run);
        } catch (IOException | UncheckedIOException e) {
            run.log("failed: " + e.getMessage());
            throw withResumeHint(
                    LandfallException.transientFailure(
                            "migrate stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()), null, e),
                    run);
        }
    }

    /** What the export phase of this run saw: API use, and keys that expired or vanished before their value was read. */
    private record ExportOutcome(ClientStats api, Map<String, KvScopeCounters> counters) {
        static final ExportOutcome NONE = new ExportOutcome(ClientStats.ZERO, Map.of());
    }

    private ExportOutcome export(RunSpec spec, RunDirectory run, Clock clock, StopOnInterrupt stop) throws IOException {
        CloudflareEndpoint endpoint = CloudflareAccess.resolve(spec.from(), context.env());
        RequestBudget budget = Budgets.parse(apiBudget);
        // migrate has no --via or --prefix yet; --export-worker counts only with --do, as before.
        SourceOptions options = new SourceOptions(
                spec.kv(),
                spec.durableObjects(),
                "",
                SourceOptions.Via.REST,
                Optional.ofNullable(spec.durableObjects().isEmpty() ? null : exportWorker),
                DO_CONCURRENCY,
                budget,
                line -> {});
        Path bundleDir = Path.of(spec.bundle());
        run.log("export: into bundle:" + bundleDir);
        try (CloudflareAccountSource source =
                        CloudflareAccountSource.open(endpoint, new SourceEnv(context.env(), clock, options));
                RunJournal journal = RunJournal.open(bundleDir.resolve(ExportTarget.JOURNAL), clock);
                BundleStore bundle = new BundleStore(
                        bundleDir,
                        BundleOptions.builder()
                                .toolVersion(VersionProvider.version())
                                .accountId(endpoint.accountId())
                                .clock(clock)
                                .build())) {
            ExportProgress progress = new ExportProgress(context.err(), context.terminal(), false, clock, () -> {
                ClientStats s = source.stats();
                return new ExportProgress.ApiCounts(s.requests(), s.rateLimited());
            });
            Map<String, KvScopeCounters> counters = new HashMap<>();
            CopyListener counting = progress.then(new CopyListener() {
                @Override
                public void scopeFinished(ScopeCopyResult result) {
                    if (result.scope() instanceof KvNamespace ns) {
                        counters.put(ns.id(), source.counters(ns));
                    }
                }
            });
            source.skipFinished(journal::isDone);
            new Copier(source, bundle, journal, CommitPolicy.DEFAULT, WriteMode.UPSERT, clock, counting)
                    .stopWhen(stop)
                    .copyAll();
            for (var u : source.unencodable()) {
                run.log("export: not exported (the export Worker cannot encode it): durable object "
                        + u.object().objectId() + " key " + u.key() + " ("
                        + u.problem().describe() + ")");
            }
            run.log("export: done, " + source.stats().requests() + " requests");
            return new ExportOutcome(source.stats(), counters);
        }
    }

    private MigrationReport importAndVerify(
            RunSpec spec,
            String sourceLocation,
            StoreUri target,
            RunDirectory run,
            Clock clock,
            StopOnInterrupt stop,
            ExportOutcome exported,
            long started)
            throws IOException {
        boolean bundled = spec.fromCloudflare();
        String sourceText = bundled ? "bundle:" + spec.bundle() : sourceLocation;
        // A Cloudflare source's namespaces were chosen at export: the bundle holds only those.
        ScopeSelection selection = SourceLocation.selection(spec.from(), spec.kv(), spec.durableObjects());
        try (Source source = SourceLocation.open(sourceText, spec.kv(), clock)) {
            selection.checkAgainst(source);
            try (Store store = StoreRegistry.open("--to", target);
                    RunJournal journal = RunJournal.open(run.importJournal(), clock)) {
                run.log("import: into " + target);
                ImportListener progress =
                        new ImportProgress("migrate", context.err(), context.terminal(), false, clock);
                new Importer(
                                source,
                                store,
                                spec.mode(),
                                new CommitPolicy(batch, 16L * 1024 * 1024),
                                clock,
                                progress.then(new Recording(run)))
                        .withJournal(journal)
                        .onlyScopes(selection)
                        .stopWhen(stop)
                        .importAll();
                run.log("import: done");
            }
            run.log("verify: counts and digests per scope");
            context.err().println("migrate: verifying every scope's count and digest");
            List<ScopeVerification> verified;
            try (Source store = StoreRegistry.openForReading("--to", target)) {
                verified = new DataVerifier(source, store, 20, clock).verify(selection);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> expired = new HashMap<>();
            Map<String, Long> vanished = new HashMap<>();
            exported.counters().forEach((id, c) -> {
                expired.put(id, c.expired());
                vanished.put(id, c.vanished());
            });
            return new MigrationReport(
                    spec,
                    verified,
                    run.results(),
                    expired,
                    vanished,
                    seconds,
                    exported.api().requests(),
                    exported.api().rateLimited());
        }
    }

    private void writeReports(RunDirectory run, MigrationReport report) throws IOException {
        ReportOutput.write(run.report("txt"), null, report::text);
        ReportOutput.write(run.report("md"), null, report::markdown);
        ReportOutput.write(run.report("json"), null, report::json);
        ReportOutput.write(run.report("html"), null, report::html);
    }

    /**
     * The location a resumed run uses: the one given again (which must be the run's), or the run's
     * own. A password the run masked is dropped, so the store's own sources of passwords
     * (PGPASSWORD, ~/.pgpass) apply.
     */
    private static String again(String flag, String given, String kept) {
        if (given != null) {
            if (!StoreUri.parse(given).toString().equals(kept)) {
                throw LandfallException.usage(
                        flag + " " + StoreUri.parse(given) + " is not the run's " + kept,
                        "give the same location (only to supply its password), or start a new run");
            }
            return given;
        }
        return kept.replaceFirst("^([a-z]+://[^:/@]*):\\*\\*\\*\\*@", "$1@");
    }

    private static LandfallException withResumeHint(LandfallException e, RunDirectory run) {
        if (e.kind() != ErrorKind.TRANSIENT && e.kind() != ErrorKind.FAILED) {
            return e;
        }
        String hint = "what was committed is kept; continue with: landfall migrate --resume " + run.path();
        return e.kind() == ErrorKind.TRANSIENT
                ? LandfallException.transientFailure(e.getMessage(), hint, e.getCause() == null ? e : e.getCause())
                : LandfallException.failed(e.getMessage(), e.hint().orElse(hint), e);
    }

    /** Records each finished scope in the run directory. */
    private record Recording(RunDirectory run) implements ImportListener {
        @Override
        public void scopeFinished(ScopeImportResult result) {
            try {
                run.recordResult(result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
