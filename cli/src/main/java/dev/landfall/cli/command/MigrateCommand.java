package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.cutover.CloudflareDialKey;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.FollowFlags;
import dev.landfall.cli.option.ReadOptions;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.RunOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.option.UnencodableOptions;
import dev.landfall.cli.option.WriteModeOptions;
import dev.landfall.cli.render.FollowLine;
import dev.landfall.cli.render.LeftBehindNotice;
import dev.landfall.cli.render.MigrationProgress;
import dev.landfall.cli.render.NoteLine;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.report.Quoted;
import dev.landfall.core.run.FinalSwitch;
import dev.landfall.core.run.FollowStatus;
import dev.landfall.core.run.LiveMigration;
import dev.landfall.core.run.LiveReport;
import dev.landfall.core.run.MigrationReport;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.run.RunLock;
import dev.landfall.core.run.RunSpec;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.status.FollowMetrics;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.Status;
import dev.landfall.core.status.StatusAddress;
import dev.landfall.core.status.StatusServer;
import dev.landfall.core.text.VisibleText;
import dev.landfall.infra.cutover.DialKey;
import dev.landfall.infra.cutover.GateSwitch;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.WriteGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
            "Durable Object values the export Worker cannot encode are left out and",
            "listed in every report; the run then exits 3 unless --accept-unencodable.",
            "",
            "Every committed batch is journaled in the run directory. After a crash, a kill",
            "or Ctrl-C (which stops cleanly at the next batch), 'landfall migrate --resume",
            "DIR' continues where it stopped: nothing lost, nothing applied twice in effect.",
            "Run directory layout: docs/migrate.md.",
            "",
            "With --follow (live migration, docs/live-migration.md), the run first checks the",
            "export Worker's change log and records where it stands, then loads as above, then",
            "applies every write captured since, re-reading each changed key once the",
            "consistency window has passed, until Ctrl-C (or, with --drain, until the log is",
            "empty; then it verifies the store against a fresh read of the source).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall migrate --from cloudflare://023e105f4ecef8ad9ca31a8372d0c353 \\",
            "      --to sqlite:landfall.db",
            "  landfall migrate --from bundle:export/ --to postgres://app@db:5432/app \\",
            "      --run-dir runs/1",
            "  landfall migrate --resume runs/1",
            "  landfall migrate --from cloudflare://ACCOUNT --via worker --follow \\",
            "      --run-dir runs/live",
            "",
            "Exit codes: 0 migrated and verified equal; 3 verified NOT equal, or values the",
            "export Worker cannot encode left out (without --accept-unencodable), or the",
            "account's Durable Object namespaces left behind, --kv and --do both absent",
            "(listed in every report); 1 runtime",
            "failure (resume with --resume DIR; with --follow also a change log that",
            "overflowed or was reset: start a new run); 2 a bad flag, URI, token or store, or",
            "capture not set up; 130 stopped by Ctrl-C (resume with --resume DIR)."
        })
public final class MigrateCommand extends LandfallCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions read;

    @Mixin
    StoreOptions to;

    @Mixin
    RunOptions runs;

    @Mixin
    WriteModeOptions mode;

    @Mixin
    ReportOptions report;

    @Mixin
    UnencodableOptions unencodable;

    @Mixin
    FollowFlags follow;

    @Override
    public Integer call() throws IOException {
        // Bad flags before any I/O: a run directory made first would be left behind.
        Duration followWindow = follow.follow() ? follow.window() : null;
        Optional<StatusAddress> statusAt = follow.statusAddress();
        if (follow.strayFinalFlag() != null) {
            throw LandfallException.usage(
                    follow.strayFinalFlag() + " applies to --final", "add --final, or leave it out");
        }
        SourceOptions options = read.sourceOptions(context.err());
        SourceEnv env =
                context.sourceEnv(options).withNotes(new NoteLine("migrate", context.err(), context.terminal()));
        RunDirectory run;
        String source;
        String store;
        Optional<Path> resume = runs.resume(spec.commandLine().getParseResult());
        if (follow.finalSwitch() && resume.isEmpty()) {
            throw LandfallException.usage(
                    "--final switches the writes of a --follow run", "give --resume DIR of that run with --final");
        }
        if (resume.isPresent()) {
            run = RunDirectory.open(resume.get(), env.clock());
            RunSpec kept = run.spec();
            source = RunSpec.resumeLocation("--from", read.from().given(null), kept.from());
            store = RunSpec.resumeLocation("--to", to.isGiven() ? to.given() : null, kept.to());
        } else {
            source = read.from().required("name the source, or continue a run with --resume DIR");
            store = to.given();
            if (!follow.follow() && follow.strayFlag() != null) {
                throw LandfallException.usage(
                        follow.strayFlag() + " applies to --follow", "add --follow, or leave it out");
            }
            run = Migrator.newRun(
                    runs.runDir(env.clock()),
                    source,
                    store,
                    mode.mode(),
                    runs.batch(),
                    runs.keepBundle(),
                    followWindow,
                    env);
        }
        try (RunLock lock = RunLock.acquire(run.path())) {
            return proceed(run, source, store, env, statusAt);
        }
    }

    /** The run, with its directory locked to this invocation. */
    private Integer proceed(
            RunDirectory run, String source, String store, SourceEnv env, Optional<StatusAddress> statusAt)
            throws IOException {
        if (follow.finalSwitch()) {
            if (!LiveMigration.follows(run)) {
                throw LandfallException.usage(
                        "--final switches the writes of a --follow run", "give --resume DIR of that run with --final");
            }
            return finalSwitch(run, source, store, env);
        }
        if (LiveMigration.follows(run)) {
            return live(run, source, store, env, statusAt);
        }
        if (follow.strayFlag() != null) {
            throw LandfallException.usage(
                    follow.strayFlag() + " applies to a --follow run, and " + run.path() + " does not follow",
                    "leave it out");
        }
        try (StopOnInterrupt stop = new StopOnInterrupt(() -> context.err()
                .println("migrate: stopping at the next committed batch (Ctrl-C again to quit at once)"))) {
            MigrationReport result = new Migrator(run, env, VersionProvider.version())
                    .migrate(source, store, new MigrationProgress(context.err(), context.terminal()), stop);
            writeReport(result, run);
            if (!result.equal()) {
                boolean onlyInStore = result.scopes().stream()
                        .flatMap(v -> v.shown().stream())
                        .anyMatch(d -> d.kind() == ChangeKind.DELETE);
                if (onlyInStore && result.spec().mode() != WriteMode.MIRROR) {
                    // Rerunning the same command cannot help: upsert never deletes.
                    context.err()
                            .println("migrate: the store holds keys the source no longer has; --mode upsert keeps"
                                    + " them. Delete them with a new run in --mode mirror (landfall plan --mode mirror"
                                    + " shows them first)");
                }
                return 3;
            }
            int lost = unencodable.exitCode(
                    result.notExported(),
                    context.err(),
                    "migrate",
                    "migrate again in a new run",
                    "landfall migrate --resume " + run.path() + " --accept-unencodable");
            return Math.max(lost, LeftBehindNotice.exitCode(result.leftBehind(), context.err(), "migrate", "migrated"));
        } catch (RunStopped stopped) {
            context.err().println("migrate: stopped cleanly after the last committed batch; nothing is lost.");
            context.err().println("migrate: continue with: landfall migrate --resume " + run.path());
            return 130;
        } catch (LandfallException | IOException | UncheckedIOException e) {
            if (!Files.exists(run.path())) {
                throw e; // a refused run left nothing to resume
            }
            throw LandfallException.resumable(
                    e, "migrate", "what was committed is kept; continue with: landfall migrate --resume " + run.path());
        }
    }

    private Integer live(RunDirectory run, String source, String store, SourceEnv env, Optional<StatusAddress> statusAt)
            throws IOException {
        FollowLine line = new FollowLine(context.err(), context.terminal(), env.clock());
        RunSpec kept = run.spec();
        Metrics metrics = new Metrics();
        FollowStatus status = new FollowStatus(
                Status.starting("migrate --follow", env.clock().instant(), kept.from(), kept.to()),
                new FollowMetrics(metrics, env.clock()),
                env.clock(),
                LiveMigration.window(run),
                flags(kept, run));
        try (StatusServer server =
                        statusAt.isEmpty() ? null : StatusServer.start(statusAt.get(), status, metrics, env.clock());
                StopOnInterrupt stop = new StopOnInterrupt(() -> context.err()
                        .println("migrate: stopping at the next committed batch (Ctrl-C again to quit at once)"))) {
            if (server != null) {
                context.err().println("migrate: status pages at " + server.url() + "/statusz, /flagz, /metrics");
                if (!server.loopbackOnly()) {
                    context.err()
                            .println("migrate: warning: the status pages are reachable from the network at "
                                    + server.address() + "; they show the run's source, store and lag");
                }
            }
            LiveReport result = liveMigration(run, env)
                    .migrate(
                            source,
                            store,
                            new MigrationProgress(context.err(), context.terminal()),
                            line.then(status),
                            stop);
            line.finish();
            if (result.loaded() != null) {
                writeReport(result.loaded(), run);
                // The exit code stays the follower's; what the load left behind is still said.
                LeftBehindNotice.exitCode(result.loaded().leftBehind(), context.err(), "migrate", "migrated");
            }
            if (result.followed() == null) {
                context.err().println("migrate: the full load did NOT verify equal; following did not start");
                return 3;
            }
            if (result.followed().stopped()) {
                context.err()
                        .println("migrate: stopped following after "
                                + result.followed().applied() + " change(s); everything applied is committed.");
                context.err().println("migrate: continue with: landfall migrate --resume " + run.path());
                return 130;
            }
            for (ScopeVerification v : result.verified()) {
                context.err()
                        .println("migrate: " + VisibleText.of(v.scope().describe()) + ": "
                                + (v.equal() ? "equal" : "NOT equal, " + v.differences() + " key(s) differ")
                                + " (" + v.source().count() + " entries in the source)");
                for (var d : v.shown()) {
                    context.err()
                            .println("migrate:   " + d.kind().name().toLowerCase(Locale.ROOT) + " "
                                    + Quoted.of(d.key())
                                    + (d.valueChanged() ? " value" : "")
                                    + (d.metadataChanged() ? " metadata" : "")
                                    + (d.expirationChanged()
                                            ? " expiration "
                                                    + (d.before() == null
                                                            ? null
                                                            : d.before().expiration()) + " -> "
                                                    + (d.after() == null
                                                            ? null
                                                            : d.after().expiration())
                                            : ""));
                }
            }
            context.err()
                    .println("migrate: drained " + result.followed().applied() + " change(s); the store "
                            + (result.equal() ? "equals" : "does NOT equal") + " a fresh read of the source");
            return result.equal() ? 0 : 3;
        } catch (RunStopped stopped) {
            line.finish();
            context.err().println("migrate: stopped cleanly after the last committed batch; nothing is lost.");
            context.err().println("migrate: continue with: landfall migrate --resume " + run.path());
            return 130;
        } catch (LandfallException | IOException | UncheckedIOException e) {
            line.finish();
            status.failed(e);
            if (!Files.exists(run.path())) {
                throw e;
            }
            if (e instanceof LandfallException le && !le.kind().retryable()) {
                throw e; // an overflowed or reset log, or capture set up wrong: resuming cannot help
            }
            throw LandfallException.resumable(
                    e, "migrate", "what was committed is kept; continue with: landfall migrate --resume " + run.path());
        }
    }

    private LiveMigration liveMigration(RunDirectory run, SourceEnv env) {
        return new LiveMigration(
                run,
                env,
                VersionProvider.version(),
                follow.options(),
                follow.acceptUncaptured(),
                note -> context.err().println("migrate: " + VisibleText.of(note)));
    }

    private Integer finalSwitch(RunDirectory run, String source, String store, SourceEnv env) throws IOException {
        FollowLine line = new FollowLine(context.err(), context.terminal(), env.clock());
        try (WriteGate gate = WriteGate.fromEnvironment(follow.cutoverWorker(), context.env());
                CloudflareClient cloudflare = follow.dialNamespace().isEmpty()
                        ? null
                        : new CloudflareClient(
                                CloudflareAccess.resolve(null, context.env()),
                                CloudflareClientOptions.builder()
                                        .notes(env.notes())
                                        .build())) {
            Optional<DialKey> dial = follow.dialNamespace().map(ns -> new CloudflareDialKey(cloudflare, ns));
            FinalSwitch.Report r = liveMigration(run, env)
                    .finalSwitch(
                            source,
                            store,
                            new GateSwitch(gate, dial, follow.edgePropagation(), Pause.real()),
                            follow.freezeGrace(),
                            line);
            line.finish();
            context.out()
                    .printf(
                            Locale.ROOT,
                            "Writes switched to the new service. Freeze: %.1f s (drained %d change(s); %d scope(s) verified"
                                    + " equal to a fresh read of the source).%n",
                            r.freeze().toMillis() / 1000.0,
                            r.drained().applied(),
                            r.drained().verified().size());
            context.err()
                    .println("migrate: next: stop capture (docs/live-migration.md, step 7)"
                            + (dial.isPresent()
                                    ? ""
                                    : ", and set the dial's writes to \"new\" so the edge stops asking the gate"
                                            + " (docs/cutover.md)"));
            return 0;
        } finally {
            line.finish();
        }
    }

    /** The run's effective options for /flagz; locations as the run keeps them, passwords masked. */
    private Map<String, String> flags(RunSpec kept, RunDirectory run) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("--from", kept.from());
        f.put("--to", kept.to());
        f.put("--run-dir", run.path().toString());
        f.put("--mode", kept.mode().flag());
        f.put("--batch", Integer.toString(kept.batch()));
        f.put("--via", kept.source().via().name().toLowerCase(Locale.ROOT));
        kept.source().exportWorker().ifPresent(w -> f.put("--export-worker", w));
        f.put("--kv", String.join(",", kept.source().kv()));
        f.put("--consistency-window", LiveMigration.window(run).toMillis() + "ms");
        f.put("--drain", Boolean.toString(follow.drain()));
        follow.statusAddress().ifPresent(a -> f.put("--status-addr", a.toString()));
        return f;
    }

    private void writeReport(MigrationReport result, RunDirectory run) throws IOException {
        ReportOutput.write(report.out().orElse(null), context.out(), w -> {
            switch (report.format()) {
                case TEXT -> result.text(w);
                case MD -> result.markdown(w);
                case JSON -> result.json(w);
                case HTML -> result.html(w);
            }
        });
        context.err().println("migrate: reports in " + run.path() + "/report.{txt,md,json,html}");
    }
}
