package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cli.render.VerificationReport;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.Planner;
import dev.landfall.core.error.LandfallException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
            ""
        },
        footer = {"", "Example:", "  landfall demo", "", "Exit codes: 0 done and verified; 1 or 3 a step failed."})
public final class DemoCommand implements Callable<Integer> {
    /** Ten times Cloudflare's budget, so the rehearsal takes seconds, not the minutes a real export would. */
    private static final String DEMO_BUDGET = "12000/300s";

    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "landfall-demo",
            description =
                    "Where the demo's run directory and reports go (default: ${DEFAULT-VALUE}); replaced each run.")
    Path dir;

    @Option(
            names = "--keys",
            paramLabel = "N",
            defaultValue = "20000",
            description = "KV keys to seed, split over two namespaces (default: ${DEFAULT-VALUE}).")
    int keys;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (keys < 10 || keys > 1_000_000) {
            throw LandfallException.usage("--keys " + keys + " is out of range", "use 10..1000000");
        }
        Path db = dir.resolveSibling(dir.getFileName() + ".db");
        clean(db);
        Files.createDirectories(dir);
        int sessions = keys * 3 / 4;
        long started = System.nanoTime();
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults()
                .withRandomSeed(20261129)
                .withRateLimit(RateLimit.parse(DEMO_BUDGET))
                .withSeedKv(List.of(
                        new KvSeed("SESSIONS", sessions, KvSeed.VARIED),
                        new KvSeed("FLAGS", keys - sessions, KvSeed.VARIED))))) {
            say("Sandbox Cloudflare API on " + sandbox.baseUrl() + " (account " + sandbox.accountId() + "):");
            say(String.format(
                    Locale.ROOT,
                    "  KV SESSIONS %,d keys, FLAGS %,d keys, with the hard cases",
                    sessions,
                    keys - sessions));
            Map<String, String> variables = new HashMap<>(context.env());
            variables.putAll(sandbox.environment());
            SourceEnv env = new SourceEnv(
                    variables, Clock.systemUTC(), SourceOptions.DEFAULTS.withBudget(RequestBudget.parse(DEMO_BUDGET)));
            StoreUri account = StoreUri.parse("cloudflare://" + sandbox.accountId());
            StoreUri store = StoreUri.parse("sqlite:" + db);
            Path run = dir.resolve("run");

            step(1, "plan --from " + account + " --to " + store + " --format html --out " + dir.resolve("plan.html"));
            Plan plan;
            try (Comparison pair = Comparison.open(account, store, env)) {
                plan = new Planner(
                                pair.source(), pair.store(), WriteMode.UPSERT, 20, env.clock(), Planner.Listener.NONE)
                        .plan(pair.selection());
            }
            ReportOutput.write(dir.resolve("plan.html"), null, w -> new PlanHtmlRenderer().render(plan, w));
            say(String.format(
                    Locale.ROOT,
                    "plan: %d to create, %d to update, %d to delete; written to %s",
                    plan.totals().created(),
                    plan.totals().updated(),
                    plan.totals().deleted(),
                    dir.resolve("plan.html")));

            step(2, "migrate --from " + account + " --to " + store + " --run-dir " + run);
            RunDirectory runDir = RunDirectory.create(
                    run,
                    new RunSpec(
                            account.toString(),
                            store.toString(),
                            WriteMode.UPSERT,
                            env.options(),
                            run.resolve("export").toString(),
                            RunSpec.DEFAULT_BATCH),
                    env.clock());
            MigrationReport migrated = new Migrator(runDir, env, VersionProvider.version())
                    .migrate(account.unmasked(), store.unmasked(), MigrationListener.NONE, () -> false);
            ReportOutput.write(null, context.out(), migrated::text);

            StoreUri bundle = StoreUri.parse("bundle:" + run.resolve("export"));
            step(3, "verify data --from " + bundle + " --to " + store);
            try (Comparison pair = Comparison.open(bundle, store, env.withOptions(SourceOptions.DEFAULTS))) {
                VerificationReport verified = new VerificationReport(
                        pair.source().describe(),
                        store.toString(),
                        new DataVerifier(pair.source(), pair.store(), 20, env.clock()).verify(pair.selection()));
                ReportOutput.write(null, context.out(), w -> verified.write(ReportFormat.TEXT, w));
                if (!migrated.equal() || !verified.equal()) {
                    throw LandfallException.mismatch(
                            "the demo's store does not equal its source", "rerun with --verbose and report it");
                }
            }

            say("");
            say(String.format(Locale.ROOT, "Done in %.1f s. What is where:", (System.nanoTime() - started) / 1e9));
            where(db.toString(), "the SQLite store (docs/stores/sqlite.md shows how a service reads it)");
            where(dir.resolve("plan.html").toString(), "the plan, one self-contained page");
            where(run + "/report.html", "the migration report (also .txt, .md, .json)");
            where(run + "/export/", "the exported bundle (docs/bundle-format.md)");
            say("");
            say("Against a real account (token with Account > Workers KV Storage > Read):");
            say("  export CLOUDFLARE_API_TOKEN=…  CLOUDFLARE_ACCOUNT_ID=…");
            say("  landfall plan --from cloudflare:// --to sqlite:landfall.db");
            say("  landfall migrate --from cloudflare:// --to postgres://app@db.internal:5432/app");
            say("  landfall verify data --from bundle:RUN_DIR/export --to postgres://app@db.internal:5432/app");
            say("The runbook: docs/operator-runbook.md.");
        }
        return 0;
    }

    private void step(int n, String command) {
        say("");
        say(n + ". landfall " + command);
    }

    private void where(String path, String what) {
        say(String.format(Locale.ROOT, "  %-32s %s", path, what));
    }

    private void say(String line) {
        context.out().println(line);
    }

    /** Removes what an earlier demo left: only the demo's own directory and database. */
    private void clean(Path db) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> top = Files.list(dir)) {
                List<String> foreign = top.map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals("plan.html") && !name.equals("run"))
                        .toList();
                if (!foreign.isEmpty()) {
                    throw LandfallException.usage(
                            "--dir " + dir + " holds files the demo did not write: " + foreign,
                            "give --dir a new or demo-only directory; the demo replaces it on every run");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
