package dev.landfall.sandbox.demo;

import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.Planner;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.report.PlanHtmlRenderer;
import dev.landfall.core.run.Comparison;
import dev.landfall.core.run.MigrationListener;
import dev.landfall.core.run.MigrationReport;
import dev.landfall.core.run.Migrator;
import dev.landfall.core.run.RunDirectory;
import dev.landfall.core.run.RunSpec;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code landfall demo}: a whole migration rehearsed on this machine against a seeded sandbox
 * account — plan, migrate into SQLite, verify — through the same library workflows the commands
 * use. It owns {@code DIR} and {@code DIR.db} and replaces them on every run, refusing a directory
 * it did not write.
 */
public final class Rehearsal {
    /** Ten times Cloudflare's budget, so the rehearsal takes seconds, not the minutes a real export would. */
    public static final String BUDGET = "12000/300s";

    private static final int SHOWN = 20;

    private final Path dir;
    private final int keys;
    private final Map<String, String> variables;
    private final String toolVersion;

    /** Hears each step as it begins. */
    public interface Listener {
        /** The sandbox is serving its seeded namespaces. */
        void sandboxStarted(String baseUrl, String accountId, int sessions, int flags);

        /** Step {@code n} begins: what the operator would type. */
        void step(int n, String command);
    }

    /**
     * What the rehearsal produced.
     *
     * @param store the store filled
     * @param plan the plan before the migration (also in {@code DIR/plan.html})
     * @param migration the migration's report (also in {@code DIR/run/report.*})
     * @param bundle the exported bundle the verification read
     * @param verification every scope of the store against the bundle
     * @param seconds how long it all took
     */
    public record Result(
            StoreUri store,
            Plan plan,
            MigrationReport migration,
            StoreUri bundle,
            List<ScopeVerification> verification,
            double seconds) {
        /** Whether the migration and the verification both found the store equal. */
        public boolean equal() {
            return migration.equal() && verification.stream().allMatch(ScopeVerification::equal);
        }
    }

    /**
     * @param keys KV keys to seed, split over two namespaces, 10..1000000
     * @param variables the environment (the sandbox's variables are added)
     */
    public Rehearsal(Path dir, int keys, Map<String, String> variables, String toolVersion) {
        if (keys < 10 || keys > 1_000_000) {
            throw LandfallException.usage("--keys " + keys + " is out of range", "use 10..1000000");
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.keys = keys;
        this.variables = Map.copyOf(variables);
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The SQLite file the rehearsal fills, beside {@code DIR}. */
    public Path database() {
        return dir.resolveSibling(dir.getFileName() + ".db");
    }

    /**
     * Runs plan, migrate and verify against a fresh sandbox.
     *
     * @param progress hears the migration's phases (its export and import progress)
     */
    public Result run(Listener listener, MigrationListener progress) throws IOException {
        new DemoFiles(dir, database(), Set.of("plan.html", "run")).clean();
        Files.createDirectories(dir);
        int sessions = keys * 3 / 4;
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.builder()
                .randomSeed(20261129)
                .rateLimit(RateLimit.parse(BUDGET))
                .seedKv(List.of(
                        new KvSeed("SESSIONS", sessions, KvSeed.VARIED),
                        new KvSeed("FLAGS", keys - sessions, KvSeed.VARIED)))
                .build())) {
            listener.sandboxStarted(sandbox.baseUrl(), sandbox.accountId(), sessions, keys - sessions);
            Map<String, String> all = new HashMap<>(variables);
            all.putAll(sandbox.environment());
            SourceEnv env = new SourceEnv(all, clock, SourceOptions.DEFAULTS.withBudget(RequestBudget.parse(BUDGET)));
            StoreUri account = StoreUri.parse("cloudflare://" + sandbox.accountId());
            StoreUri store = StoreUri.parse("sqlite:" + database());
            Path planFile = dir.resolve("plan.html");
            Path run = dir.resolve("run");

            listener.step(1, "plan --from " + account + " --to " + store + " --format html --out " + planFile);
            Plan plan = plan(account, store, env);
            StringWriter html = new StringWriter();
            try (PrintWriter w = new PrintWriter(html)) {
                new PlanHtmlRenderer().render(plan, w);
            }
            AtomicFile.write(planFile, html.toString().getBytes(StandardCharsets.UTF_8));

            listener.step(2, "migrate --from " + account + " --to " + store + " --run-dir " + run);
            RunDirectory runDir = RunDirectory.create(
                    run,
                    new RunSpec(
                            account.toString(),
                            store.toString(),
                            WriteMode.UPSERT,
                            env.options(),
                            run.resolve("export").toString(),
                            RunSpec.DEFAULT_BATCH),
                    clock);
            MigrationReport migration = new Migrator(runDir, env, toolVersion)
                    .migrate(account.unmasked(), store.unmasked(), progress, () -> false);

            StoreUri bundle = StoreUri.parse("bundle:" + run.resolve("export"));
            listener.step(3, "verify data --from " + bundle + " --to " + store);
            List<ScopeVerification> verified;
            try (Comparison pair = Comparison.open(bundle, store, env.withOptions(SourceOptions.DEFAULTS))) {
                verified = new DataVerifier(pair.source(), pair.store(), SHOWN, clock).verify(pair.selection());
            }
            double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
            return new Result(store, plan, migration, bundle, verified, seconds);
        }
    }

    private static Plan plan(StoreUri account, StoreUri store, SourceEnv env) throws IOException {
        try (Comparison pair = Comparison.open(account, store, env)) {
            return new Planner(pair.source(), pair.store(), WriteMode.UPSERT, SHOWN, env.clock(), Planner.Listener.NONE)
                    .plan(pair.selection());
        }
    }
}
