package dev.landfall.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cli.CliContext;
import dev.landfall.cli.location.SourceLocation;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.option.WriteModeConverter;
import dev.landfall.cli.render.ImportProgress;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.ImportListener;
import dev.landfall.core.copy.ImportTotals;
import dev.landfall.core.copy.Importer;
import dev.landfall.core.copy.ScopeImportResult;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall import}: a bundle, a wrangler file or a store into a store, writing only what changed. */
@Command(
        name = "import",
        header = "Load a bundle, a wrangler bulk file or another store into SQLite, PostgreSQL or Redis;"
                + " NDJSON events into ClickHouse.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Brings the store --to in line with --from, scope by scope: both are read in",
            "key order side by side, and only keys that are new or different are",
            "written (deleted too, with --mode mirror), so running it again writes",
            "nothing and an interrupted run is finished by running it again. Writes go",
            "in batches of --batch entries, each one transaction: a crash leaves every",
            "batch fully in or fully out. Keys already expired are skipped and counted.",
            "",
            "--from: bundle:DIR, wrangler:FILE.json (the array 'wrangler kv bulk put'",
            "takes; --kv names its namespace), or any store below, so a store can be",
            "dumped to a bundle or copied into another store.",
            "--to: one of",
            "  sqlite:PATH                  embedded SQLite file (the default)",
            "  postgres://USER@HOST:PORT/DB  password from the URI, PGPASSWORD or ~/.pgpass",
            "  redis://HOST:PORT/N           rediss:// for TLS, user:password@ for ACLs",
            "  bundle:DIR                   a portable bundle",
            "Table layouts for the service that reads them: docs/stores.md.",
            "",
            "--from events:FILE.ndjson[.gz] loads NDJSON events (Logpush, Analytics",
            "Engine exports) into the ClickHouse table --table of",
            "  clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DB   (or CLICKHOUSE_USER/_PASSWORD)",
            "creating it (MergeTree, sorted by its time column) from --schema or from",
            "columns inferred from the first 10000 events. Every line is checked before",
            "anything is written: a bad line ends the run with exit 2 naming it, unless",
            "--skip-bad allows it. Guide: docs/clickhouse.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall import --from bundle:export/",
            "  landfall import --from bundle:export/ --to postgres://app@127.0.0.1:5432/app --kv SESSIONS",
            "  landfall import --from wrangler:flags.json --kv FLAGS --to redis://127.0.0.1:6379/0",
            "  landfall import --from sqlite:landfall.db --to bundle:dump/",
            "  landfall import --from events:logs.ndjson.gz --to clickhouse://app@127.0.0.1:8123/analytics --table http_requests",
            "",
            "Exit codes: 0 done; 1 runtime failure (run the same command again: what is",
            "in is kept, unchanged keys are skipped); 2 a bad flag, URI, file, password,",
            "database or table of another shape, or (events:) a bad line."
        })
public final class ImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "SOURCE",
            description = "bundle:DIR, wrangler:FILE.json, a store URI, or events:FILE.ndjson[.gz] (into ClickHouse).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "STORE",
            defaultValue = "sqlite:landfall.db",
            description = "The store to write (default: ${DEFAULT-VALUE}); clickhouse://… with events:.")
    String to;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "upsert",
            converter = WriteModeConverter.class,
            description = "upsert: write new and changed keys (default); mirror: also delete keys --from lacks;"
                    + " create-only: never overwrite a key the store holds.")
    WriteMode mode;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Entries per transaction, 1..1000000 (default: 10000; a batch also closes at 16 MiB);"
                    + " with events:, rows per INSERT (default: 500000).")
    Integer batch;

    @Option(
            names = "--kv",
            paramLabel = "NAMESPACE",
            description = "Import this KV namespace (id or title; repeatable; default: every scope)."
                    + " With wrangler:FILE, the namespace the file's items go to.")
    List<String> kv = new ArrayList<>();

    @Option(
            names = "--do",
            paramLabel = "NAMESPACE",
            description = "Import the Durable Objects of this namespace id (repeatable).")
    List<String> durableObjects = new ArrayList<>();

    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "With events:, the ClickHouse table to load (created if missing).")
    String table;

    @Option(
            names = "--schema",
            paramLabel = "COLUMNS",
            description = "With events:, the columns of a table to create, 'name Type, …' (default: inferred).")
    String schema;

    @Option(
            names = "--skip-bad",
            paramLabel = "N",
            defaultValue = "0",
            description = "With events:, leave up to N bad lines out instead of stopping at the first (default: 0).")
    long skipBad;

    @Option(names = "--json", description = "Print one JSON summary on stdout and no progress.")
    boolean json;

    public ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (batch != null && (batch < 1 || batch > 1_000_000)) {
            throw LandfallException.usage("--batch " + batch + " is out of range", "use 1..1000000");
        }
        if (EventImport.matches(from)) {
            if (!kv.isEmpty() || !durableObjects.isEmpty()) {
                throw LandfallException.usage("--kv and --do select scopes of a store, not events", "leave them out");
            }
            return new EventImport(context, Clock.systemUTC()).run(from, to, table, schema, skipBad, batch, json);
        }
        if (table != null || schema != null || skipBad != 0) {
            throw LandfallException.usage(
                    "--table, --schema and --skip-bad apply to events only", "use them with --from events:FILE");
        }
        if (to.regionMatches(true, 0, "clickhouse:", 0, "clickhouse:".length())) {
            throw LandfallException.usage(
                    "ClickHouse takes events, not key-value entries: --to " + StoreUri.parse(to),
                    "load NDJSON events with --from events:FILE.ndjson --table NAME");
        }
        int batch = this.batch == null ? 10_000 : this.batch;
        StoreUri target = StoreUri.parse(to);
        StoreUri origin = StoreUri.parse(from);
        if (origin.unmasked().equals(target.unmasked())) {
            throw LandfallException.usage(
                    "--from and --to are the same store (" + target + ")", "import from one store into another");
        }
        ScopeSelection selection = SourceLocation.selection(from, kv, durableObjects);
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        List<ScopeImportResult> results = new ArrayList<>();
        ImportTotals totals;
        // The source is checked (its scopes listed, a wrangler file parsed) before the store is
        // opened, so bad input leaves no trace in the store.
        try (Source source = SourceLocation.open(from, kv, clock);
                Store store = openChecked(source, selection, target)) {
            ImportListener progress = new ImportProgress("import", context.err(), context.terminal(), json, clock);
            totals = new Importer(
                            source,
                            store,
                            mode,
                            new CommitPolicy(batch, 16L * 1024 * 1024),
                            clock,
                            progress.then(new ImportListener() {
                                @Override
                                public void scopeFinished(ScopeImportResult result) {
                                    results.add(result);
                                }
                            }))
                    .onlyScopes(selection)
                    .importAll();
        } catch (LandfallException e) {
            throw withRerunHint(e);
        } catch (IOException e) {
            throw withRerunHint(LandfallException.transientFailure(
                    "import stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()), null, e));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            printJson(origin, target, totals, results, seconds);
        } else {
            printText(origin, target, totals, results, seconds);
        }
        return 0;
    }

    private static Store openChecked(Source source, ScopeSelection selection, StoreUri target) throws IOException {
        selection.checkAgainst(source);
        return StoreRegistry.open("--to", target);
    }

    private LandfallException withRerunHint(LandfallException e) {
        if (e.kind() != ErrorKind.TRANSIENT) {
            return e;
        }
        return LandfallException.transientFailure(
                e.getMessage(),
                "every finished batch is in the store and none is half-written; run the same command again to"
                        + " finish (unchanged keys are skipped)",
                e.getCause() == null ? e : e.getCause());
    }

    private void printText(
            StoreUri origin, StoreUri target, ImportTotals totals, List<ScopeImportResult> results, double seconds) {
        PrintStream out = context.out();
        out.printf(
                Locale.ROOT,
                "Imported %s into %s (mode %s) in %.1f s%n",
                origin,
                target,
                WriteModeConverter.name(mode),
                seconds);
        for (ScopeImportResult r : results) {
            out.printf(Locale.ROOT, "  %s: %s%n", label(r.scope()), counts(r.counts()));
        }
        if (results.isEmpty()) {
            out.println("  the source holds no scopes to import");
        }
        ChangeCounts c = totals.counts();
        out.printf(Locale.ROOT, "Total: %s%n", counts(c));
        if (c.storeOnly() > 0) {
            out.printf(
                    Locale.ROOT,
                    "%d key(s) only in %s were left in place; --mode mirror deletes them%n",
                    c.storeOnly(),
                    target);
        }
        if (c.kept() > 0) {
            out.printf(Locale.ROOT, "%d differing key(s) were kept as the store holds them (create-only)%n", c.kept());
        }
    }

    private static String counts(ChangeCounts c) {
        return String.format(
                Locale.ROOT,
                "%d created, %d updated, %d deleted, %d unchanged, %d expired-skipped; %s written",
                c.created(),
                c.updated(),
                c.deleted(),
                c.unchanged(),
                c.expiredSkipped(),
                ByteSize.format(c.valueBytes()));
    }

    private static String label(Scope scope) {
        if (scope instanceof KvNamespace ns) {
            return "kv " + ns.title() + (ns.title().equals(ns.namespaceId()) ? "" : " (" + ns.namespaceId() + ")");
        }
        DurableObject d = (DurableObject) scope;
        return "do " + d.namespaceId() + " " + d.objectId();
    }

    private void printJson(
            StoreUri origin, StoreUri target, ImportTotals totals, List<ScopeImportResult> results, double seconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("from", origin.toString());
        root.put("to", target.toString());
        root.put("mode", WriteModeConverter.name(mode));
        root.put("seconds", Math.round(seconds * 1000) / 1000.0);
        putCounts(root, totals.counts());
        ArrayNode scopes = root.putArray("scopes");
        for (ScopeImportResult r : results) {
            ObjectNode s = scopes.addObject();
            s.put("scope", r.scope().id());
            if (r.scope() instanceof KvNamespace ns) {
                s.put("title", ns.title());
            }
            putCounts(s, r.counts());
        }
        context.out().println(root.toString());
    }

    private static void putCounts(ObjectNode n, ChangeCounts c) {
        n.put("created", c.created());
        n.put("updated", c.updated());
        n.put("deleted", c.deleted());
        n.put("unchanged", c.unchanged());
        n.put("expiredSkipped", c.expiredSkipped());
        n.put("keptCreateOnly", c.kept());
        n.put("storeOnly", c.storeOnly());
        n.put("valueBytes", c.valueBytes());
    }
}
