package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.render.CopyProgress;
import dev.landfall.cli.render.ImportSummary;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.ImportOptions;
import dev.landfall.core.run.ImportResult;
import dev.landfall.core.run.Importer;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The cli side of {@code landfall import} for key-value entries (a bundle, a wrangler file or a
 * store into a store): the {@link Importer} does the work; this refuses the ends it cannot copy
 * between, and prints progress on stderr and the summary on stdout.
 */
final class EntryImport {
    private final CliContext context;

    EntryImport(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Refuses an account as the source (that is export's job) and ClickHouse as the target (it takes events). */
    static void refuseEnds(StoreUri from, StoreUri to) {
        if (from.scheme().equals("cloudflare")) {
            throw LandfallException.usage(
                    "--from " + from + ": import reads local data (bundles, wrangler files, stores)",
                    "export the account first with 'landfall export --to bundle:DIR', or use 'landfall migrate'");
        }
        if (to.scheme().equals("clickhouse")) {
            throw LandfallException.usage(
                    "ClickHouse takes events, not key-value entries: --to " + to,
                    "load NDJSON events with --from events:FILE.ndjson --table NAME");
        }
    }

    /** Runs the import; returns the exit code. */
    int run(ImportOptions options, SourceOptions read, boolean json) throws IOException {
        SourceEnv env = context.sourceEnv(read);
        ImportResult result = new Importer(options, env)
                .run(new CopyProgress(
                        "import", context.err(), context.terminal(), json, env.clock(), Optional.empty()));
        new ImportSummary(options, result).print(context.out(), json);
        return 0;
    }
}
