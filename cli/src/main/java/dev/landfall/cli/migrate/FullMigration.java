package dev.landfall.cli.migrate;

import dev.landfall.cli.command.VersionProvider;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.UnencodableOptions;
import dev.landfall.cli.render.LeftBehindNotice;
import dev.landfall.cli.render.MigrationProgress;
import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.MigrationReport;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** A run without {@code --follow}: export if needed, import, verify, report; its exit code. */
public record FullMigration(MigrateRun migration, ReportOptions report, UnencodableOptions unencodable) {
    public FullMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(unencodable, "unencodable");
    }

    public int run() throws IOException {
        var context = migration.context();
        try (StopOnInterrupt stop = migration.stopOnInterrupt()) {
            MigrationReport result = new Migrator(migration.run(), migration.env(), VersionProvider.version())
                    .migrate(
                            migration.source(),
                            migration.store(),
                            new MigrationProgress(context.err(), context.terminal()),
                            stop);
            migration.writeReport(report, result);
            if (!result.equal()) {
                boolean onlyInStore = result.scopes().stream()
                        .flatMap(v -> v.shown().stream())
                        .anyMatch(d -> d.kind() == ChangeKind.DELETE);
                if (onlyInStore && result.spec().mode() != WriteMode.MIRROR) {
                    // Rerunning the same command cannot help: upsert never deletes.
                    migration.say("the store holds keys the source no longer has; --mode upsert keeps"
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
                    migration.resumeCommand() + " --accept-unencodable");
            return Math.max(lost, LeftBehindNotice.exitCode(result.leftBehind(), context.err(), "migrate", "migrated"));
        } catch (RunStopped stopped) {
            return migration.stoppedCleanly();
        } catch (LandfallException | IOException | UncheckedIOException e) {
            if (!migration.resumable()) {
                throw e; // a refused run left nothing to resume
            }
            throw migration.resumableFailure(e);
        }
    }
}
