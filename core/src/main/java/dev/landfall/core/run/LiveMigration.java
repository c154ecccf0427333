package dev.landfall.core.run;

import dev.landfall.core.checkpoint.FollowJournal;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.CaptureInfo;
import dev.landfall.core.live.ChangeCapturing;
import dev.landfall.core.live.ChangeLog;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.live.WriteSwitch;
import dev.landfall.core.spi.AccountBound;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A migration that keeps up with the application's writes (docs/live-migration.md): before the
 * full load, the source's change log is checked and every shard's epoch recorded; then the {@link
 * Migrator} loads and verifies as for any run; then the {@link Follower} applies every change
 * captured since the run began, until stopped or, when draining, until the log is empty, and a
 * drained run is verified against a fresh read of the source. All of it resumes from the run
 * directory ({@code follow-journal.ndjson} beside the import journal).
 */
public final class LiveMigration {
    /** Differing keys named per scope in a verification. */
    private static final int SHOWN_DIFFERENCES = 20;

    private final RunDirectory run;
    private final SourceEnv env;
    private final String toolVersion;
    private final FollowOptions options;
    private final Set<String> acceptUncaptured;
    private final Consumer<String> notes;

    /**
     * @param run a run made with a follow window ({@link Migrator#newRun(Path, String, String,
     *     WriteMode, int, Path, Duration, SourceEnv)})
     * @param options how to follow; the window is the run's
     * @param acceptUncaptured Worker scripts the operator knows write without capture (or not at
     *     all), used when the run begins
     * @param notes lines for the operator
     */
    public LiveMigration(
            RunDirectory run,
            SourceEnv env,
            String toolVersion,
            FollowOptions options,
            Set<String> acceptUncaptured,
            Consumer<String> notes) {
        this.run = Objects.requireNonNull(run, "run");
        this.env = Objects.requireNonNull(env, "env");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.options = Objects.requireNonNull(options, "options");
        this.acceptUncaptured = Set.copyOf(acceptUncaptured);
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /** The consistency window of the follow run in {@code run}. */
    public static Duration window(RunDirectory run) throws IOException {
        Long millis = run.spec().followWindowMillis();
        if (millis == null) {
            throw new IllegalStateException(run.path() + " is not a follow run");
        }
        return Duration.ofMillis(millis);
    }

    /** Whether the run in {@code run} follows a change log. */
    public static boolean follows(RunDirectory run) throws IOException {
        return run.spec().follows();
    }

    /**
     * Begins the run, before anything is loaded: the source must offer a change log that answers,
     * belongs to the source's account, is written by Workers with its shard count, and no script
     * bound to what the run copies may write without capture (unless accepted). A shard that
     * overflowed before the run is reset (the full load reads what it dropped), and the full load
     * waits out the consistency window after its last dropped change.
     *
     * @throws LandfallException USAGE or REJECTED when capture is not set up or not this account's
     */
    private void begin(String from, Duration window) throws IOException {
        if (run.spec().mode() == WriteMode.CREATE_ONLY) {
            throw LandfallException.usage(
                    "--follow cannot keep a store up to date in create-only mode",
                    "use --mode upsert (the default) or --mode mirror");
        }
        SourceEnv runEnv =
                env.withOptions(run.spec().source().withTrace(env.options().trace()));
        try (Source source = SourceRegistry.open("--from", StoreUri.parse(from), runEnv);
                ChangeLog log = changeLog(source)) {
            CaptureInfo info = log.info();
            String account = checkAccount(source, log, info);
            List<String> uncaptured = new ArrayList<>(log.uncapturedWriters());
            for (String accepted : acceptUncaptured) {
                if (uncaptured.remove(accepted)) {
                    notes.accept(
                            "accepted: Worker " + accepted + " can write without capture; its writes are not followed");
                    run.log("follow: accepted uncaptured Worker " + accepted);
                }
            }
            if (!uncaptured.isEmpty()) {
                throw LandfallException.usage(
                        "these Workers are bound to the namespaces the run copies but record no changes: "
                                + String.join(", ", uncaptured) + "; their writes would be lost",
                        "bind LANDFALL_CHANGES in each and wrap its env with withLandfallCapture (KV) and its Durable"
                                + " Object classes with withLandfallExport (docs/live-migration.md), deploy, then rerun;"
                                + " or, for one that never writes, --accept-uncaptured NAME");
            }
            Map<Integer, String> epochs = new TreeMap<>();
            long startedAt = 0;
            long lastDropped = 0;
            long writes = 0;
            for (int shard = 0; shard < info.shards(); shard++) {
                ShardState s = log.read(shard, 0, 1).state();
                checkWriters(log, info, s);
                if (s.overflowed().isPresent()) {
                    lastDropped = Math.max(lastDropped, s.overflowed().get().lastMillis());
                    notes.accept("change-log shard " + shard + " had overflowed ("
                            + s.overflowed().get().dropped()
                            + " change(s) not recorded); reset: the full load reads what it dropped");
                    s = log.reset(shard);
                }
                epochs.put(shard, s.epoch());
                startedAt = Math.max(startedAt, s.nowMillis());
                writes += s.head();
            }
            if (writes == 0) {
                notes.accept("no write has been captured in " + log.describe()
                        + " yet: check that every Worker writing these namespaces is wrapped with withLandfallCapture");
            }
            FollowJournal.begin(
                    run.followJournal(),
                    new FollowJournal.Start(info.shards(), window.toMillis(), account, startedAt),
                    epochs,
                    env.clock());
            run.log("follow: change log " + log.describe() + ", " + info.shards() + " shard(s), window "
                    + window.toMillis() + " ms");
            long wait = lastDropped + window.toMillis() - startedAt;
            if (lastDropped > 0 && wait > 0) {
                notes.accept(
                        "waiting " + (wait + 999) / 1000 + " s: the full load must see the writes the log dropped");
                sleep(wait);
            }
        }
    }

    /**
     * Runs (or continues) the run: the full load unless it finished before, then following.
     *
     * @return the full load's report (null when an earlier invocation made it), how following
     *     ended, and, when it drained, the verification against the source
     */
    public LiveReport migrate(
            String from, String to, MigrationListener loading, FollowListener following, BooleanSupplier stop)
            throws IOException {
        MigrationReport loaded = null;
        if (!FollowJournal.existsAt(run.followJournal())) {
            try {
                begin(from, window(run));
            } catch (LandfallException e) {
                if (!e.kind().retryable()) {
                    run.discardIfUnused(); // a run refused before it began leaves nothing behind
                }
                throw e;
            }
        }
        try (FollowJournal journal = FollowJournal.open(run.followJournal(), env.clock())) {
            if (!journal.loaded()) {
                loaded = new Migrator(run, env, toolVersion).migrate(from, to, loading, stop);
                if (!loaded.equal()) {
                    return new LiveReport(loaded, null, List.of());
                }
                journal.markLoaded();
            }
            LiveReport followed = follow(journal, from, to, options, following, stop);
            return new LiveReport(loaded, followed.followed(), followed.verified());
        }
    }

    /**
     * Switches writes to the new service ({@code migrate --final}): freezes them at {@code writes},
     * drains the change log, verifies every scope against a fresh read of the source, flips; any
     * failure unfreezes without flipping ({@link FinalSwitch}). The run's full load must be done.
     *
     * @param grace how long writes admitted just before the freeze are given to land
     */
    public FinalSwitch.Report finalSwitch(
            String from, String to, WriteSwitch writes, Duration grace, FollowListener following) throws IOException {
        try (FollowJournal journal = FollowJournal.open(run.followJournal(), env.clock())) {
            if (!journal.loaded()) {
                throw LandfallException.usage(
                        "--final switches a run that follows, and the full load of " + run.path() + " is not done",
                        "continue it first with landfall migrate --resume " + run.path()
                                + " (--drain to catch up), then --final");
            }
            run.log("final: freezing writes at " + writes.describe());
            FinalSwitch.Report report = new FinalSwitch(writes, grace, notes).run(() -> {
                LiveReport drained = follow(journal, from, to, options.draining(true), following, () -> false);
                return new FinalSwitch.Drained(drained.followed().applied(), drained.verified());
            });
            run.log("final: writes switched to the new service after a freeze of "
                    + report.freeze().toMillis() + " ms");
            return report;
        } catch (IOException | RuntimeException e) {
            run.log("final: failed, writes not switched: " + e.getMessage());
            throw e;
        }
    }

    /** Follows from the journal's positions; a drained follow is verified against the source. */
    private LiveReport follow(
            FollowJournal journal,
            String from,
            String to,
            FollowOptions how,
            FollowListener following,
            BooleanSupplier stop)
            throws IOException {
        SourceEnv runEnv =
                env.withOptions(run.spec().source().withTrace(env.options().trace()));
        StoreUri target = StoreUri.parse(to);
        try (Source source = SourceRegistry.open("--from", StoreUri.parse(from), runEnv);
                ChangeLog log = changeLog(source);
                Store store = StoreRegistry.open("--to", target, runEnv)) {
            CaptureInfo info = log.info();
            checkAccount(source, log, info);
            FollowJournal.Start start = journal.start().get();
            if (info.shards() != start.shards()) {
                throw LandfallException.failed(
                        log.describe() + " now has " + info.shards() + " shard(s); this run began with "
                                + start.shards(),
                        "changes may have gone to shards this run does not read; start a new run with --follow");
            }
            run.log("follow: " + (run.resumed() ? "continuing" : "starting") + " from " + journal.positions());
            FollowOptions effective = how.withWindow(Duration.ofMillis(start.windowMillis()));
            FollowResult result;
            try (Source held = StoreRegistry.openForReading("--to", target, runEnv)) {
                result = new Follower(log, store, held, journal, effective, runEnv.clock(), following).follow(stop);
            }
            run.log("follow: " + (result.stopped() ? "stopped" : "drained") + " after " + result.applied()
                    + " change(s)");
            if (result.stopped()) {
                return new LiveReport(null, result, List.of());
            }
            ScopeSelection selection = ScopeSelection.forSource(source, runEnv.options());
            List<ScopeVerification> verified;
            try (Source reread = SourceRegistry.open("--from", StoreUri.parse(from), runEnv);
                    Source stored = StoreRegistry.openForReading("--to", target, runEnv)) {
                verified = new DataVerifier(reread, stored, SHOWN_DIFFERENCES, runEnv.clock()).verify(selection);
            }
            run.log("follow: verified "
                    + (verified.stream().allMatch(ScopeVerification::equal) ? "equal" : "NOT equal")
                    + " against a fresh read of the source");
            return new LiveReport(null, result, verified);
        }
    }

    private static ChangeLog changeLog(Source source) throws IOException {
        if (!(source instanceof ChangeCapturing capturing)) {
            throw LandfallException.usage(
                    "--follow needs a source whose writes are captured; " + source.describe() + " has no change log",
                    "follow a cloudflare:// account read through the export Worker (--via worker, docs/live-migration.md)");
        }
        return capturing.changeLog();
    }

    private static String checkAccount(Source source, ChangeLog log, CaptureInfo info) {
        String account = source instanceof AccountBound bound ? bound.accountId() : null;
        if (info.account().isEmpty()) {
            throw LandfallException.usage(
                    log.describe() + " does not say which account it belongs to",
                    "set LANDFALL_ACCOUNT_ID in the export Worker's [vars] (landfall export-worker scaffold --capture"
                            + " --account ID writes it) and deploy");
        }
        if (account != null && !account.equals(info.account().get())) {
            throw LandfallException.rejected(
                    log.describe() + " belongs to account " + info.account().get() + ", but the run reads account "
                            + account,
                    "give --export-worker the export Worker deployed in account " + account);
        }
        return info.account().get();
    }

    private static void checkWriters(ChangeLog log, CaptureInfo info, ShardState s) {
        for (int n : s.writerShards()) {
            if (n != info.shards()) {
                throw LandfallException.usage(
                        "a capturing Worker writes " + log.describe() + " with " + n + " shard(s), but the log has "
                                + info.shards(),
                        "set LANDFALL_CAPTURE_SHARDS=" + info.shards() + " in every captured Worker and deploy");
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting out the consistency window");
        }
    }
}
