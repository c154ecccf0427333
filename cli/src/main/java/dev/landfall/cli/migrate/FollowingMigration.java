package dev.landfall.cli.migrate;

import dev.landfall.cli.option.FollowFlags;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.render.FollowLine;
import dev.landfall.cli.render.LeftBehindNotice;
import dev.landfall.cli.render.MigrationProgress;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.report.Quoted;
import dev.landfall.core.run.FollowStatus;
import dev.landfall.core.run.LiveMigration;
import dev.landfall.core.run.LiveReport;
import dev.landfall.core.run.RunSpec;
import dev.landfall.core.status.FollowMetrics;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.Status;
import dev.landfall.core.status.StatusAddress;
import dev.landfall.core.status.StatusServer;
import dev.landfall.core.text.VisibleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code --follow} run: the full load, then every captured write applied until Ctrl-C (or, with
 * {@code --drain}, until the log is empty and the store verified); status pages while it runs; its
 * exit code.
 */
public record FollowingMigration(
        MigrateRun migration, ReportOptions report, FollowFlags follow, Optional<StatusAddress> statusAt) {
    public FollowingMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(follow, "follow");
        Objects.requireNonNull(statusAt, "statusAt");
    }

    public int run() throws IOException {
        var context = migration.context();
        var clock = migration.env().clock();
        FollowLine line = new FollowLine(context.err(), context.terminal(), clock);
        RunSpec kept = migration.run().spec();
        Metrics metrics = new Metrics();
        FollowStatus status = new FollowStatus(
                Status.starting("migrate --follow", clock.instant(), kept.from(), kept.to()),
                new FollowMetrics(metrics, clock),
                clock,
                LiveMigration.window(migration.run()),
                flags(kept));
        try (StatusServer server =
                        statusAt.isEmpty() ? null : StatusServer.start(statusAt.get(), status, metrics, clock);
                StopOnInterrupt stop = migration.stopOnInterrupt()) {
            if (server != null) {
                migration.say("status pages at " + server.url() + "/statusz, /flagz, /metrics");
                if (!server.loopbackOnly()) {
                    migration.say("warning: the status pages are reachable from the network at " + server.address()
                            + "; they show the run's source, store and lag");
                }
            }
            LiveReport result = migration
                    .liveMigration(follow)
                    .migrate(
                            migration.source(),
                            migration.store(),
                            new MigrationProgress(context.err(), context.terminal()),
                            line.then(status),
                            stop);
            line.finish();
            if (result.loaded() != null) {
                migration.writeReport(report, result.loaded());
                // The exit code stays the follower's; what the load left behind is still said.
                LeftBehindNotice.exitCode(result.loaded().leftBehind(), context.err(), "migrate", "migrated");
            }
            if (result.followed() == null) {
                migration.say("the full load did NOT verify equal; following did not start");
                return 3;
            }
            if (result.followed().stopped()) {
                migration.say("stopped following after " + result.followed().applied()
                        + " change(s); everything applied is committed.");
                migration.say("continue with: " + migration.resumeCommand());
                return 130;
            }
            result.verified().forEach(this::sayVerified);
            migration.say("drained " + result.followed().applied() + " change(s); the store "
                    + (result.equal() ? "equals" : "does NOT equal") + " a fresh read of the source");
            return result.equal() ? 0 : 3;
        } catch (RunStopped stopped) {
            line.finish();
            return migration.stoppedCleanly();
        } catch (LandfallException | IOException | UncheckedIOException e) {
            line.finish();
            status.failed(e);
            if (!migration.resumable()) {
                throw e;
            }
            if (e instanceof LandfallException le && !le.kind().retryable()) {
                throw e; // an overflowed or reset log, or capture set up wrong: resuming cannot help
            }
            throw migration.resumableFailure(e);
        }
    }

    private void sayVerified(ScopeVerification v) {
        migration.say(VisibleText.of(v.scope().describe()) + ": "
                + (v.equal() ? "equal" : "NOT equal, " + v.differences() + " key(s) differ")
                + " (" + v.source().count() + " entries in the source)");
        for (var d : v.shown()) {
            migration.say("  " + d.kind().name().toLowerCase(Locale.ROOT) + " " + Quoted.of(d.key())
                    + (d.valueChanged() ? " value" : "")
                    + (d.metadataChanged() ? " metadata" : "")
                    + (d.expirationChanged()
                            ? " expiration "
                                    + (d.before() == null ? null : d.before().expiration()) + " -> "
                                    + (d.after() == null ? null : d.after().expiration())
                            : ""));
        }
    }

    /** The run's effective options for /flagz; locations as the run keeps them, passwords masked. */
    private Map<String, String> flags(RunSpec kept) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("--from", kept.from());
        f.put("--to", kept.to());
        f.put("--run-dir", migration.run().path().toString());
        f.put("--mode", kept.mode().flag());
        f.put("--batch", Integer.toString(kept.batch()));
        f.put("--via", kept.source().via().name().toLowerCase(Locale.ROOT));
        kept.source().exportWorker().ifPresent(w -> f.put("--export-worker", w));
        f.put("--kv", String.join(",", kept.source().kv()));
        f.put("--consistency-window", LiveMigration.window(migration.run()).toMillis() + "ms");
        f.put("--drain", Boolean.toString(follow.drain()));
        follow.statusAddress().ifPresent(a -> f.put("--status-addr", a.toString()));
        return f;
    }
}
