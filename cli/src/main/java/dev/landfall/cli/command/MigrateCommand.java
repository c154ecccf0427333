package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.migrate.FinalWriteSwitch;
import dev.landfall.cli.migrate.FollowingMigration;
import dev.landfall.cli.migrate.FullMigration;
import dev.landfall.cli.migrate.MigrateRun;
import dev.landfall.cli.option.FollowFlags;
import dev.landfall.cli.option.ReadOptions;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.RunOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.option.UnencodableOptions;
import dev.landfall.cli.option.WriteModeOptions;
import dev.landfall.cli.render.NoteLine;
import dev.landfall.core.run.LiveMigration;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.run.RunLock;
import dev.landfall.core.run.RunSpec;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.status.StatusAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
            "export Worker's change log and records where it stands, then loads as above,",
            "then applies every write captured since, re-reading each changed key once the",
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
        follow.refuseStrayFinalFlag();
        SourceOptions options = read.sourceOptions(context.err());
        SourceEnv env =
                context.sourceEnv(options).withNotes(new NoteLine("migrate", context.err(), context.terminal()));
        RunDirectory run;
        String source;
        String store;
        Optional<Path> resume = runs.resume(spec.commandLine().getParseResult());
        follow.refuseFinalUnless(resume.isPresent());
        if (resume.isPresent()) {
            run = RunDirectory.open(resume.get(), env.clock());
            RunSpec kept = run.spec();
            source = RunSpec.resumeLocation("--from", read.from().given(null), kept.from());
            store = RunSpec.resumeLocation("--to", to.isGiven() ? to.given() : null, kept.to());
        } else {
            source = read.from().required("name the source, or continue a run with --resume DIR");
            store = to.given();
            follow.refuseStrayFollowFlag();
            run = runs.newRun(source, store, mode.mode(), followWindow, env);
        }
        try (RunLock lock = RunLock.acquire(run.path())) {
            return proceed(new MigrateRun(context, run, source, store, env), statusAt);
        }
    }

    /** The run, with its directory locked to this invocation. */
    private Integer proceed(MigrateRun run, Optional<StatusAddress> statusAt) throws IOException {
        boolean follows = LiveMigration.follows(run.run());
        follow.refuseFinalUnless(follows);
        if (follow.finalSwitch()) {
            return new FinalWriteSwitch(run, follow).run();
        }
        if (follows) {
            return new FollowingMigration(run, report, follow, statusAt).run();
        }
        follow.refuseStrayFollowFlag(run.run().path());
        return new FullMigration(run, report, unencodable).run();
    }
}
