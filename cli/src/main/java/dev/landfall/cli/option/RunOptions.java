package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --run-dir}, {@code --resume}, {@code --keep-bundle}, {@code --batch}: where a migration
 * run lives and how it is continued. A resumed run keeps every option it started with (its
 * run.json), so giving one again with {@code --resume} is refused rather than ignored.
 */
public final class RunOptions {
    private static final DateTimeFormatter RUN_NAME =
            DateTimeFormatter.ofPattern("'landfall-run-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a run keeps in run.json: given again with --resume, they would be ignored. */
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
            "--batch",
            "--follow",
            "--consistency-window");

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            description = "Where the run keeps its journal, log and report (default: ./landfall-run-DATE-TIME).")
    Path runDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR where it stopped.")
    Path resume;

    @Option(
            names = "--keep-bundle",
            paramLabel = "DIR",
            description =
                    "Export a Cloudflare source into this bundle directory and keep it (default: RUN_DIR/export).")
    Path keepBundle;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Entries per store transaction, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int batch = 10_000;

    /**
     * The run to continue, if {@code --resume} is given; then no option the run keeps may be given.
     *
     * @param given the command line as parsed
     */
    public Optional<Path> resume(ParseResult given) {
        if (resume != null) {
            for (String kept : KEPT_BY_THE_RUN) {
                if (given.hasMatchedOption(kept)) {
                    throw LandfallException.usage(
                            kept + " cannot change a run: --resume continues it as it was started (" + resume
                                    + "/run.json keeps its options)",
                            "give --resume DIR alone (and --from or --to again only to supply a password)");
                }
            }
        }
        return Optional.ofNullable(resume);
    }

    /**
     * Starts a new run in {@code --run-dir} (else a directory named for the time) with these options.
     *
     * @param followWindow the consistency window of a run that follows, or null
     * @see Migrator#newRun(Path, String, String, WriteMode, int, Path, Duration, SourceEnv)
     */
    public RunDirectory newRun(String from, String to, WriteMode mode, Duration followWindow, SourceEnv env)
            throws IOException {
        return Migrator.newRun(runDir(env.clock()), from, to, mode, batch, keepBundle, followWindow, env);
    }

    /** The directory of a new run: {@code --run-dir}, else one named for the time. */
    private Path runDir(Clock clock) {
        return runDir != null ? runDir : Path.of(RUN_NAME.format(clock.instant()));
    }
}
