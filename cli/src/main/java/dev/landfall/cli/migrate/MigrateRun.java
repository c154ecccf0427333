package dev.landfall.cli.migrate;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.command.VersionProvider;
import dev.landfall.cli.option.FollowFlags;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.LiveMigration;
import dev.landfall.core.run.MigrationReport;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.text.VisibleText;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * One invocation of {@code landfall migrate} once its run directory is chosen and locked: what the
 * full load, the follower and the write switch share — where to print, how to say "resume", and
 * where the reports go.
 *
 * @param context this invocation's streams and environment
 * @param run the run directory, locked to this invocation
 * @param source the source location, as given or as the run keeps it
 * @param store the store location, as given or as the run keeps it
 * @param env what sources and stores are opened with
 */
public record MigrateRun(CliContext context, RunDirectory run, String source, String store, SourceEnv env) {
    public MigrateRun {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(env, "env");
    }

    /** Prints one line on stderr, after {@code migrate: }. */
    void say(String line) {
        context.err().println("migrate: " + line);
    }

    /** Ctrl-C stops at the next committed batch; a second Ctrl-C quits at once. */
    StopOnInterrupt stopOnInterrupt() {
        return new StopOnInterrupt(() -> say("stopping at the next committed batch (Ctrl-C again to quit at once)"));
    }

    /** What a clean stop says; its exit code. */
    int stoppedCleanly() {
        say("stopped cleanly after the last committed batch; nothing is lost.");
        say("continue with: " + resumeCommand());
        return 130;
    }

    String resumeCommand() {
        return "landfall migrate --resume " + run.path();
    }

    /** Whether the run directory exists, so a failure can be resumed rather than only reported. */
    boolean resumable() {
        return Files.exists(run.path());
    }

    /** A failure of a run that can be resumed: what was committed is kept. */
    LandfallException resumableFailure(Exception e) {
        return LandfallException.resumable(
                e, "migrate", "what was committed is kept; continue with: " + resumeCommand());
    }

    LiveMigration liveMigration(FollowFlags follow) {
        return new LiveMigration(
                run,
                env,
                VersionProvider.version(),
                follow.options(),
                follow.acceptUncaptured(),
                note -> say(VisibleText.of(note)));
    }

    void writeReport(ReportOptions report, MigrationReport result) throws IOException {
        ReportOutput.write(report.out().orElse(null), context.out(), w -> {
            switch (report.format()) {
                case TEXT -> result.text(w);
                case MD -> result.markdown(w);
                case JSON -> result.json(w);
                case HTML -> result.html(w);
            }
        });
        say("reports in " + run.path() + "/report.{txt,md,json,html}");
    }
}
