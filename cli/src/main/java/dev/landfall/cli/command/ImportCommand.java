package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.ApiBudgetOptions;
import dev.landfall.cli.option.EventOptions;
import dev.landfall.cli.option.FromOptions;
import dev.landfall.cli.option.JsonSummaryOptions;
import dev.landfall.cli.option.ScopeOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.option.WriteModeOptions;
import dev.landfall.core.run.ImportOptions;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.time.Clock;
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
            "in batches of --batch entries, each one transaction (PostgreSQL, Redis: one",
            "per key range, on up to ?writers=N connections at once, default min(4,",
            "cores), PostgreSQL on this host 1): a crash leaves every transaction fully",
            "in or fully out, and a batch counts as done only once all of it is in.",
            "Keys already expired are skipped and counted.",
            "",
            "--from: bundle:DIR, wrangler:FILE.json (the array 'wrangler kv bulk put'",
            "takes; --kv names its namespace), or any store below, so a store can be",
            "dumped to a bundle or copied into another store.",
            "--to: one of",
            "  sqlite:PATH                  embedded SQLite file (the default)",
            "  postgres://USER@HOST:PORT/DB  password from the URI, PGPASSWORD or ~/.pgpass",
            "  redis://HOST:PORT/N           rediss:// for TLS, user:password@ for ACLs",
            "  bundle:DIR                   a portable bundle",
            "  cloudflare://ACCOUNT_ID[?namespace=NAME][&create=true]",
            "                               Workers KV, the way back (bulk writes within",
            "                               --api-budget; docs/stores.md)",
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
            "  landfall import --from bundle:export/ \\",
            "      --to postgres://app@127.0.0.1:5432/app --kv SESSIONS",
            "  landfall import --from wrangler:flags.json --kv FLAGS \\",
            "      --to redis://127.0.0.1:6379/0",
            "  landfall import --from sqlite:landfall.db --to bundle:dump/",
            "  landfall import --from sqlite:landfall.db --kv SESSIONS \\",
            "      --to 'cloudflare://ACCOUNT_ID?namespace=SESSIONS'",
            "  landfall import --from events:logs.ndjson.gz \\",
            "      --to clickhouse://app@127.0.0.1:8123/analytics --table http_requests",
            "",
            "Exit codes: 0 done; 1 runtime failure (run the same command again: what is",
            "in is kept, unchanged keys are skipped); 2 a bad flag, URI, file, password,",
            "database or table of another shape, or (events:) a bad line."
        })
public final class ImportCommand extends LandfallCommand {
    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    FromOptions from;

    @Mixin
    StoreOptions to;

    @Mixin
    WriteModeOptions mode;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Entries per transaction, 1..1000000 (default: 10000; a batch also closes at 16 MiB);"
                    + " with events:, rows per INSERT (default: 500000).")
    Integer batch;

    @Mixin
    ScopeOptions scopes;

    @Mixin
    ApiBudgetOptions budget;

    @Mixin
    EventOptions events;

    @Mixin
    JsonSummaryOptions json;

    @Override
    public Integer call() throws IOException {
        String source = from.required("name the source: bundle:DIR, wrangler:FILE.json or a store URI");
        if (EventImport.matches(source)) {
            EventImport.refuseEntryFlags(scopes, mode);
            return new EventImport(context, Clock.systemUTC())
                    .run(events.options(source, to.given(), batch, context.env()), json.given());
        }
        events.refuseForEntries();
        StoreUri origin = StoreUri.parse(source);
        EntryImport.refuseEnds(origin, to.uri());
        ImportOptions options =
                new ImportOptions(origin, to.uri(), mode.mode(), batch == null ? ImportOptions.DEFAULT_BATCH : batch);
        // The budget and the trace matter only to a store behind an API: --to cloudflare://.
        SourceOptions read = scopes.sourceOptions().withBudget(budget.budget());
        if (verbosity.verbose()) {
            read = read.withTrace(line -> context.err().println("http: " + line));
        }
        return new EntryImport(context).run(options, read, json.given());
    }
}
