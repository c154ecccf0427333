package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.DurationFlag;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.FollowLine;
import dev.landfall.cli.render.MigrationProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cli.render.VerificationReport;
import dev.landfall.core.error.LandfallException;
import dev.landfall.sandbox.demo.LiveRehearsal;
import dev.landfall.sandbox.demo.Rehearsal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall demo}: the whole operator's day against a local sandbox, in under a minute. */
@Command(
        name = "demo",
        header = "Rehearse a migration on this machine: sandbox, plan, migrate, verify.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts the local Cloudflare API sandbox in this process with seeded data (two",
            "KV namespaces, 20,000 keys with the hard cases: unicode and 512-byte keys,",
            "binary and empty values, metadata, expirations), then runs what an operator",
            "runs against a real account, printing each command first:",
            "  1. landfall plan     what a migration would create (an HTML report)",
            "  2. landfall migrate  export, import into sqlite:landfall-demo.db, verify",
            "  3. landfall verify data  the store against the exported bundle",
            "and ends with where the reports are and the commands for a real account.",
            "Nothing leaves the machine: the sandbox listens on 127.0.0.1 only.",
            "",
            "With --live, a live migration instead (docs/live-migration.md): the sandbox's",
            "writer writes (--writes, 200/s) as a captured Worker would while",
            "  1. landfall migrate --via worker --follow   loads, then follows the changes",
            "  2. landfall migrate --final   freezes writes, drains, verifies, flips",
            "and it prints the freeze's length.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall demo",
            "  landfall demo --live",
            "",
            "Exit codes: 0 done and verified; 1 or 3 a step failed."
        })
public final class DemoCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the demo's run directory and reports go (default: landfall-demo; with --live:"
                    + " landfall-live-demo); replaced each run.")
    Path dir;

    /** The two variants write different files, so each has its own default: one never refuses the other's. */
    private Path dir() {
        return dir != null ? dir : Path.of(live ? "landfall-live-demo" : "landfall-demo");
    }

    @Option(
            names = "--keys",
            paramLabel = "N",
            defaultValue = "20000",
            description = "KV keys to seed, split over two namespaces (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--live", description = "Rehearse a live migration: follow a writer, then switch writes.")
    boolean live;

    @Option(
            names = "--writes",
            paramLabel = "N",
            defaultValue = "200",
            description = "With --live: the sandbox writer's writes a second (default: ${DEFAULT-VALUE}).")
    int writes;

    @Option(
            names = "--follow-for",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "With --live: how long to follow before the switch (default: ${DEFAULT-VALUE}).")
    String followFor;

    @Override
    public Integer call() throws IOException {
        if (live) {
            return live();
        }
        Rehearsal rehearsal = new Rehearsal(dir(), keys, context.env(), VersionProvider.version());
        Rehearsal.Result r = rehearsal.run(
                new Rehearsal.Listener() {
                    @Override
                    public void sandboxStarted(String baseUrl, String accountId, int sessions, int flags) {
                        say("Sandbox Cloudflare API on " + baseUrl + " (account " + accountId + "):");
                        say(String.format(
                                Locale.ROOT,
                                "  KV SESSIONS %,d keys, FLAGS %,d keys, with the hard cases",
                                sessions,
                                flags));
                    }

                    @Override
                    public void step(int n, String command) {
                        say("");
                        say(n + ". landfall " + command);
                    }
                },
                new MigrationProgress(context.err(), context.terminal()));
        say("");
        say(String.format(
                Locale.ROOT,
                "The plan (step 1): %d to create, %d to update, %d to delete. The migration (step 2):",
                r.plan().totals().created(),
                r.plan().totals().updated(),
                r.plan().totals().deleted()));
        ReportOutput.write(null, context.out(), r.migration()::text);
        say("The verification (step 3):");
        VerificationReport verified =
                new VerificationReport(r.bundle().toString(), r.store().toString(), r.verification());
        ReportOutput.write(null, context.out(), w -> verified.write(ReportFormat.TEXT, w));
        if (!r.equal()) {
            throw LandfallException.mismatch(
                    "the demo's store does not equal its source", "rerun with --verbose and report it");
        }
        say("");
        say(String.format(Locale.ROOT, "Done in %.1f s. What is where:", r.seconds()));
        where(rehearsal.database().toString(), "the SQLite store (docs/stores/sqlite.md shows how a service reads it)");
        where(dir().resolve("plan.html").toString(), "the plan, one self-contained page");
        where(dir().resolve("run") + "/report.html", "the migration report (also .txt, .md, .json)");
        where(dir().resolve("run") + "/export/", "the exported bundle (docs/bundle-format.md)");
        say("");
        say("Against a real account (token with Account > Workers KV Storage > Read and Workers Scripts > Read),");
        say("naming the namespaces you move (--kv; Durable Objects with --do through the export Worker):");
        say("  export CLOUDFLARE_API_TOKEN=…  CLOUDFLARE_ACCOUNT_ID=…");
        say("  landfall plan --from cloudflare:// --kv SESSIONS --to sqlite:landfall.db");
        say("  landfall migrate --from cloudflare:// --kv SESSIONS --to sqlite:landfall.db --run-dir runs/1");
        say("  landfall verify data --from bundle:runs/1/export --to sqlite:landfall.db");
        say("The whole journey, live migration and cutover included: docs/operator-runbook.md.");
        return 0;
    }

    private Integer live() throws IOException {
        LiveRehearsal rehearsal = new LiveRehearsal(
                dir(),
                keys,
                writes,
                DurationFlag.positive("--follow-for", followFor, "10s"),
                context.env(),
                VersionProvider.version());
        FollowLine line = new FollowLine(context.err(), context.terminal(), java.time.Clock.systemUTC());
        LiveRehearsal.Result r = rehearsal.run(
                new LiveRehearsal.Listener() {
                    @Override
                    public void sandboxStarted(String baseUrl, int seeded, int perSecond) {
                        say("Sandbox Cloudflare API on " + baseUrl + ": KV SESSIONS "
                                + String.format(Locale.ROOT, "%,d", seeded) + " keys, Durable Objects "
                                + LiveRehearsal.OBJECT_CLASS + " " + LiveRehearsal.OBJECTS
                                + " objects; capture on; its writer writes " + perSecond
                                + "/s (new keys, overwrites, deletes, expiring puts; a fifth to objects)");
                    }

                    @Override
                    public void step(int n, String command) {
                        line.finish();
                        say("");
                        say(n + ". landfall " + command);
                    }

                    @Override
                    public void note(String text) {
                        line.finish();
                        say("   " + text);
                    }
                },
                new MigrationProgress(context.err(), context.terminal()),
                line);
        line.finish();
        say("");
        say(String.format(
                Locale.ROOT,
                "Done in %.1f s: the writer made %,d writes; writes were frozen for %.1f s while %,d change(s)"
                        + " drained and %d scope(s) verified equal to a fresh read of the source.",
                r.seconds(),
                r.writes(),
                r.switched().freeze().toMillis() / 1000.0,
                r.switched().drained().applied(),
                r.switched().drained().verified().size()));
        where(rehearsal.database().toString(), "the SQLite store");
        where(r.run() + "/", "the run: run.json, follow-journal.ndjson, log.txt, reports");
        say("");
        say("Against a real account: docs/live-migration.md (capture on, migrate --follow, cutover, --final).");
        return 0;
    }

    private void where(String path, String what) {
        say(String.format(Locale.ROOT, "  %-32s %s", path, what));
    }

    private void say(String line) {
        context.out().println(line);
    }
}
