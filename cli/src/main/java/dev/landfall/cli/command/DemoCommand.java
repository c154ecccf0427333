package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.Landfall;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.core.error.LandfallException;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Map<String, String> env = new HashMap<>(context.env());
            env.putAll(sandbox.environment());
            String account = "cloudflare://" + sandbox.accountId();
            String store = "sqlite:" + db;
            Path run = dir.resolve("run");

            step(
                    1,
                    env,
                    "plan",
                    "--from",
                    account,
                    "--to",
                    store,
                    "--format",
                    "html",
                    "--out",
                    dir.resolve("plan.html").toString());
            step(2, env, "migrate", "--from", account, "--to", store, "--run-dir", run.toString());
            step(3, env, "verify", "data", "--from", "bundle:" + run.resolve("export"), "--to", store);

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

    private void step(int n, Map<String, String> env, String... args) {
        say("");
        say(n + ". landfall " + String.join(" ", args));
        int code = Landfall.run(context.out(), context.err(), env, args);
        if (code != 0) {
            throw LandfallException.failed(
                    "demo step " + n + " (landfall " + args[0] + ") ended with exit code " + code,
                    "see its message above; rerun with --verbose for the cause");
        }
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
