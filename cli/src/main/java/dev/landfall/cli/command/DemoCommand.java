package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.DurationFlag;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.FollowLine;
import dev.landfall.cli.render.LiveRehearsalNarration;
import dev.landfall.cli.render.MigrationProgress;
import dev.landfall.cli.render.RehearsalNarration;
import dev.landfall.core.error.LandfallException;
import dev.landfall.sandbox.demo.LiveRehearsal;
import dev.landfall.sandbox.demo.Rehearsal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
        RehearsalNarration narration = new RehearsalNarration(context.out());
        Rehearsal.Result r = rehearsal.run(narration, new MigrationProgress(context.err(), context.terminal()));
        narration.reports(r);
        if (!r.equal()) {
            throw LandfallException.mismatch(
                    "the demo's store does not equal its source", "rerun with --verbose and report it");
        }
        narration.done(r, dir(), rehearsal.database());
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
        FollowLine line = new FollowLine(context.err(), context.terminal(), Clock.systemUTC());
        LiveRehearsalNarration narration = new LiveRehearsalNarration(context.out(), line);
        LiveRehearsal.Result r =
                rehearsal.run(narration, new MigrationProgress(context.err(), context.terminal()), line);
        narration.done(r, rehearsal.database().toString());
        return 0;
    }
}
