package dev.landfall.core.run;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.io.OwnerOnly;
import dev.landfall.core.text.JsonEscapes;
import dev.landfall.core.text.VisibleText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory of one migration run, documented in {@code docs/migrate.md}:
 *
 * <pre>
 * run.json               what the run was asked to do (password masked)
 * export/                the bundle a Cloudflare source is exported into, with its journal
 * import-journal.ndjson  committed checkpoints of the import, per scope
 * follow-journal.ndjson  a --follow run: the change log's epochs and the positions applied
 * results.ndjson         each finished scope's counts, so a resumed run reports them all
 * log.txt                what happened, with times
 * report.txt/.json/.md/.html  the final report
 * </pre>
 */
public final class RunDirectory {
    static final String SPEC = "run.json";
    private static final String RESULTS = "results.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper(
            new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build());

    private final Path dir;
    private final Clock clock;
    private final boolean resumed;

    private boolean created;

    private RunDirectory(Path dir, Clock clock, boolean resumed) {
        this.resumed = resumed;
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Starts a new run in {@code dir}, which must not hold a run already, unless that run wrote
     * nothing (it failed before its first committed batch, on a wrong token say): then the corrected
     * command simply starts it again, in the same directory.
     */
    public static RunDirectory create(Path dir, RunSpec spec, Clock clock) throws IOException {
        if (Files.exists(dir.resolve(SPEC)) && new RunDirectory(dir, clock, true).wroteAnything()) {
            throw LandfallException.usage(
                    "--run-dir " + dir + " holds a run already",
                    "continue it with --resume " + dir + ", or choose a new --run-dir");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LandfallException.usage("--run-dir " + dir + " is a file", "give a directory");
        }
        boolean created = !Files.exists(dir);
        OwnerOnly.createDirectories(dir);
        AtomicFile.write(dir.resolve(SPEC), spec.toJson().getBytes(StandardCharsets.UTF_8));
        RunDirectory run = new RunDirectory(dir, clock, false);
        run.created = created;
        return run;
    }

    /**
     * Removes the run directory when this invocation created it and the run committed nothing:
     * a run refused for its input (a damaged bundle, a key over a limit) leaves nothing behind.
     *
     * @return whether the directory was removed
     */
    public boolean discardIfUnused() throws IOException {
        if (resumed || !created || wroteAnything()) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }

    /** Opens the run in {@code dir} to resume it. */
    public static RunDirectory open(Path dir, Clock clock) {
        if (!Files.isRegularFile(dir.resolve(SPEC))) {
            throw LandfallException.usage(
                    "--resume " + dir + " holds no run (no " + SPEC + ")",
                    "give the --run-dir of the interrupted 'landfall migrate'");
        }
        return new RunDirectory(dir, clock, true);
    }

    /**
     * Whether the run committed anything: an import batch journaled, a scope finished, a report
     * written, or an export that holds a journaled batch.
     */
    private boolean wroteAnything() throws IOException {
        if (Files.exists(importJournal()) && Files.size(importJournal()) > 0
                || Files.exists(dir.resolve(RESULTS))
                || Files.exists(report("json"))) {
            return true;
        }
        RunSpec earlier = spec();
        return earlier.staged() && new ExportBundle(Path.of(earlier.bundle())).holdsExport();
    }

    /** Whether this run was opened to be continued, rather than started here. */
    public boolean resumed() {
        return resumed;
    }

    public Path path() {
        return dir;
    }

    public RunSpec spec() throws IOException {
        return RunSpec.fromJson(
                Files.readString(dir.resolve(SPEC)), dir.resolve(SPEC).toString());
    }

    public Path importJournal() {
        return dir.resolve("import-journal.ndjson");
    }

    /** The follower's journal ({@link dev.landfall.core.checkpoint.FollowJournal}); only a --follow run has one. */
    public Path followJournal() {
        return dir.resolve("follow-journal.ndjson");
    }

    public Path exportBundle() {
        return dir.resolve("export");
    }

    /**
     * Appends a line to log.txt with the time. Lines quote titles, keys and error messages, so they
     * are written as {@link VisibleText}: one line each, nothing in them can act on a terminal.
     */
    public void log(String line) throws IOException {
        // Owner-only: failures name keys and files of the exported data.
        OwnerOnly.append(dir.resolve("log.txt"), clock.instant() + " " + VisibleText.of(line) + System.lineSeparator());
    }

    /** Records a finished scope's counts. */
    public void recordResult(ScopeCopyResult r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("scope", r.scope().id());
        ChangeCounts c = r.counts();
        n.put("created", c.created());
        n.put("updated", c.updated());
        n.put("deleted", c.deleted());
        n.put("unchanged", c.unchanged());
        n.put("kept", c.kept());
        n.put("storeOnly", c.storeOnly());
        n.put("expiredSkipped", c.expiredSkipped());
        n.put("valueBytes", c.valueBytes());
        OwnerOnly.append(dir.resolve(RESULTS), n + "\n");
    }

    /**
     * The counts of every scope finished so far, across resumed runs. A scope finished by a resumed
     * run counts what that run changed; the batches an interrupted run committed before are in the
     * store (verification proves it) but not in these counts.
     */
    public Map<String, ChangeCounts> results() throws IOException {
        Map<String, ChangeCounts> out = new HashMap<>();
        Path file = dir.resolve(RESULTS);
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException torn) {
                continue; // a torn last line from a crash: that scope's counts are redone on resume
            }
            ChangeCounts c = new ChangeCounts(
                    n.path("created").asLong(),
                    n.path("updated").asLong(),
                    n.path("deleted").asLong(),
                    n.path("unchanged").asLong(),
                    n.path("kept").asLong(),
                    n.path("storeOnly").asLong(),
                    n.path("expiredSkipped").asLong(),
                    n.path("valueBytes").asLong());
            out.merge(n.path("scope").asText(), c, ChangeCounts::plus);
        }
        return out;
    }

    /** Where the report in one format goes. */
    public Path report(String extension) {
        return dir.resolve("report." + extension);
    }
}
