package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.CloudflareOptions;
import dev.landfall.cli.option.FromOptions;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.ScopeOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.option.WriteModeConverter;
import dev.landfall.cli.render.CopyProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.MigrationListener;
import dev.landfall.core.run.MigrationReport;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.run.RunSpec;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
    private static final DateTimeFormatter RUN_NAME =
            DateTimeFormatter.ofPattern("'landfall-run-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a run keeps in run.json: given again with --resume, they would be ignored, so they are refused. */
    private static final List<String> KEPT_BY_THE_RUN = List.of(
            "--run-dir",
            "--mode",
            "--keep-bundle",
            "--kv",
            "--do",
            "--via",
            "--prefix",
            "--export-worker",
            "--concurrency",
            "--api-budget",
            "--batch");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    FromOptions from;

    @Mixin
    StoreOptions to;

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

    @Mixin
    ScopeOptions scopes;

    @Mixin
    CloudflareOptions cloudflare;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Entries per store transaction, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    ReportOptions report;

    public MigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        SourceOptions options = cloudflare.sourceOptions(scopes, verbosity.verbose() ? context.err() : null);
        SourceEnv env = context.sourceEnv(options);
        RunDirectory run;
        String source;
        String store;
        if (resume != null) {
            for (String kept : KEPT_BY_THE_RUN) {
                if (spec.commandLine().getParseResult().hasMatchedOption(kept)) {
                    throw LandfallException.usage(
                            kept + " cannot change a run: --resume continues it as it was started (" + resume
                                    + "/run.json keeps its options)",
                            "give --resume DIR alone (and --from or --to again only to supply a password)");
                }
            }
            run = RunDirectory.open(resume, env.clock());
            RunSpec kept = run.spec();
            source = again("--from", from.given(null), kept.from());
            store = again("--to", to.isGiven() ? to.given() : null, kept.to());
        } else {
            source = from.required("name the source, or continue a run with --resume DIR");
            store = to.given();
            Path dir = runDir != null
                    ? runDir
                    : Path.of(RUN_NAME.format(env.clock().instant()));
            // Opening the source checks its flags and credentials: a bad one fails before anything is written.
            boolean staged = Migrator.stagesThroughBundle(source, env);
            if (!staged && keepBundle != null) {
                throw LandfallException.usage(
                        "--keep-bundle applies to a Cloudflare source", "the source " + source + " is kept as it is");
            }
            String bundle = !staged ? null : (keepBundle != null ? keepBundle : dir.resolve("export")).toString();
            // The run keeps its locations with passwords masked; the real ones live only in this process.
            RunSpec started = new RunSpec(
                    StoreUri.parse(source).toString(),
                    StoreUri.parse(store).toString(),
                    mode == null ? WriteMode.UPSERT : mode,
                    options,
                    bundle,
                    batch);
            run = RunDirectory.create(dir, started, env.clock());
        }
        try (StopOnInterrupt stop = new StopOnInterrupt(() -> context.err()
                .println("migrate: stopping at the next committed batch (Ctrl-C again to quit at once)"))) {
            run.log(
                    resume == null
                            ? "started: " + run.spec().from() + " -> "
                                    + run.spec().to()
                            : "resumed");
            MigrationReport result =
                    new Migrator(run, env, VersionProvider.version()).migrate(source, store, new Progress(), stop);
            ReportOutput.write(report.out().orElse(null), context.out(), w -> {
                switch (report.format()) {
                    case TEXT -> result.text(w);
                    case MD -> result.markdown(w);
                    case JSON -> result.json(w);
                    case HTML -> result.html(w);
                }
            });
            context.err().println("migrate: reports in " + run.path() + "/report.{txt,md,json,html}");
            return result.equal() ? 0 : 3;
        } catch (RunStopped stopped) {
            context.err().println("migrate: stopped cleanly after the last committed batch; nothing is lost.");
            context.err().println("migrate: continue with: landfall migrate --resume " + run.path());
            return 130;
        } catch (LandfallException e) {
            throw withResumeHint(e, run);
        } catch (IOException | UncheckedIOException e) {
            throw withResumeHint(
                    LandfallException.transientFailure(
                            "migrate stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()), null, e),
                    run);
        }
    }

    /** Progress on stderr: the export's with its API use, the import's, and a line before verifying. */
    private final class Progress implements MigrationListener {
        @Override
        public CopyListener phaseStarted(Phase phase, Source source) {
            return switch (phase) {
                case EXPORT ->
                    new CopyProgress(
                            "export",
                            context.err(),
                            context.terminal(),
                            false,
                            java.time.Clock.systemUTC(),
                            Optional.of(() -> ApiUsage.of(source)));
                case IMPORT ->
                    new CopyProgress(
                            "migrate",
                            context.err(),
                            context.terminal(),
                            false,
                            java.time.Clock.systemUTC(),
                            Optional.empty());
                case VERIFY -> {
                    context.err().println("migrate: verifying every scope's count and digest");
                    yield CopyListener.NONE;
                }
            };
        }
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
}
