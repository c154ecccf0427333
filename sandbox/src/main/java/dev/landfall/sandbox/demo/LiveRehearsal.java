package dev.landfall.sandbox.demo;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.FinalSwitch;
import dev.landfall.core.run.FollowListener;
import dev.landfall.core.run.FollowOptions;
import dev.landfall.core.run.FollowProgress;
import dev.landfall.core.run.LiveMigration;
import dev.landfall.core.run.LiveReport;
import dev.landfall.core.run.MigrationListener;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.Capture;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code landfall demo --live}: a live migration rehearsed on this machine against the sandbox
 * with capture on and its writer writing as a wrapped Worker would. A follow run loads the data
 * through the export Worker while the writer writes, follows its changes for a while, then
 * switches: writes freeze (the writer pauses), the change log drains, every scope is verified
 * against a fresh read of the sandbox, writes flip (the writer stops). The same library workflows
 * {@code migrate --follow} and {@code migrate --final} use. Owns {@code DIR} and {@code DIR.db}.
 */
public final class LiveRehearsal {
    /** The Durable Object class the rehearsal's sandbox holds, and its objects, which the writer writes too. */
    public static final String OBJECT_CLASS = "Room";

    public static final int OBJECTS = 20;
    private static final int KEYS_PER_OBJECT = 10;

    /** The sandbox's KV is consistent at once; 1 s is the least a run takes (docs/live-migration.md). */
    static final Duration WINDOW = Duration.ofSeconds(1);

    private final Path dir;
    private final int keys;
    private final int writesPerSecond;
    private final Duration following;
    private final Map<String, String> variables;
    private final String toolVersion;

    /** Hears each step as it begins. */
    public interface Listener {
        /** The sandbox serves its seeded namespace and its writer writes. */
        void sandboxStarted(String baseUrl, int keys, int writesPerSecond);

        /** Step {@code n} begins: what the operator would type. */
        void step(int n, String command);

        /** A line about what happens. */
        void note(String line);
    }

    /**
     * What the rehearsal did.
     *
     * @param store the store filled
     * @param run the run directory
     * @param writes the writer's writes
     * @param switched the switch, with the freeze's length and the verification
     * @param seconds how long it all took
     */
    public record Result(StoreUri store, Path run, long writes, FinalSwitch.Report switched, double seconds) {}

    /**
     * @param keys KV keys to seed, 10..1000000
     * @param writesPerSecond the writer's rate, 1..100000
     * @param following how long to follow before the switch
     */
    public LiveRehearsal(
            Path dir,
            int keys,
            int writesPerSecond,
            Duration following,
            Map<String, String> variables,
            String toolVersion) {
        if (keys < 10 || keys > 1_000_000) {
            throw LandfallException.usage("--keys " + keys + " is out of range", "use 10..1000000");
        }
        if (writesPerSecond < 1 || writesPerSecond > Capture.MAX_WRITES) {
            throw LandfallException.usage(
                    "--writes " + writesPerSecond + " is out of range", "use 1.." + Capture.MAX_WRITES);
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.keys = keys;
        this.writesPerSecond = writesPerSecond;
        this.following = Objects.requireNonNull(following, "following");
        this.variables = Map.copyOf(variables);
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The SQLite file the rehearsal fills, beside {@code DIR}. */
    public Path database() {
        return dir.resolveSibling(dir.getFileName() + ".db");
    }

    public Result run(Listener listener, MigrationListener loading, FollowListener progress) throws IOException {
        new DemoFiles(dir, database(), Set.of("run")).clean();
        Files.createDirectories(dir);
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.builder()
                .randomSeed(20261206)
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(new KvSeed("SESSIONS", keys, KvSeed.VARIED)))
                .seedDo(List.of(new DoSeed(OBJECT_CLASS, OBJECTS, KEYS_PER_OBJECT)))
                .capture(Capture.on().withWrites(writesPerSecond))
                .build())) {
            listener.sandboxStarted(sandbox.baseUrl(), keys, writesPerSecond);
            Map<String, String> all = new HashMap<>(variables);
            all.putAll(sandbox.environment());
            SourceOptions options = new SourceOptions(
                    List.of("SESSIONS"),
                    List.of(OBJECT_CLASS),
                    "",
                    SourceOptions.Via.WORKER,
                    Optional.empty(),
                    SourceOptions.DEFAULT_CONCURRENCY,
                    RequestBudget.CLOUDFLARE_DEFAULT,
                    line -> {});
            SourceEnv env = new SourceEnv(all, clock, options);
            String account = "cloudflare://" + sandbox.accountId();
            String store = "sqlite:" + database();
            Path run = dir.resolve("run");
            Consumer<String> notes = listener::note;

            listener.step(
                    1,
                    "migrate --from " + account + " --via worker --kv SESSIONS --do " + OBJECT_CLASS
                            + " --follow --consistency-window 1s --to " + store + " --run-dir " + run);
            RunDirectory runDir = Migrator.newRun(run, account, store, WriteMode.UPSERT, 10_000, null, WINDOW, env);
            LiveMigration live = new LiveMigration(runDir, env, toolVersion, FollowOptions.defaults(), Set.of(), notes);
            // Following lasts `following` from its first round: the full load before it is never cut short.
            AtomicLong until = new AtomicLong(Long.MAX_VALUE);
            FollowListener timing = new FollowListener() {
                @Override
                public void round(FollowProgress p) {
                    until.compareAndSet(Long.MAX_VALUE, clock.millis() + following.toMillis());
                }
            };
            LiveReport followed =
                    live.migrate(account, store, loading, timing.then(progress), () -> clock.millis() >= until.get());
            if (!followed.equal() || followed.followed() == null) {
                throw LandfallException.mismatch(
                        "the rehearsal's full load did not verify equal", "rerun with --verbose and report it");
            }

            listener.step(2, "migrate --resume " + run + " --final --cutover-worker URL");
            FinalSwitch.Report switched = live.finalSwitch(
                    account,
                    store,
                    new WriterSwitch(sandbox.writer().orElseThrow(), clock),
                    Duration.ofMillis(200),
                    progress);
            long writes = sandbox.writer().orElseThrow().writes();
            double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
            return new Result(StoreUri.parse(store), run, writes, switched, seconds);
        }
    }
}
