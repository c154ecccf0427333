package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.BundleTargetOptions;
import dev.landfall.cli.option.JsonSummaryOptions;
import dev.landfall.cli.option.ReadOptions;
import dev.landfall.cli.option.UnencodableOptions;
import dev.landfall.cli.render.CopyProgress;
import dev.landfall.cli.render.ExportSummary;
import dev.landfall.cli.render.LeftBehindNotice;
import dev.landfall.cli.render.NoteLine;
import dev.landfall.cli.render.RerunCommand;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.ExportOptions;
import dev.landfall.core.run.ExportResult;
import dev.landfall.core.run.Exporter;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code landfall export}: Workers KV namespaces into a bundle, at the API budget's ceiling. */
@Command(
        name = "export",
        header = "Export Workers KV namespaces and Durable Objects into a bundle, resumably.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies every key, value byte, metadata and expiration of the chosen KV",
            "namespaces into bundle:DIR (docs/bundle-format.md), as fast as the",
            "account's API budget allows. Keys are listed 1,000 a call and values read",
            "100 a call; binary values are read one by one. One limiter keeps every",
            "window of --api-budget under its count, so Cloudflare's 5-minute lockout",
            "is never triggered; a wait for it longer than 2 s is said on stderr, with",
            "the time left. Each committed page is journaled: after any",
            "interruption, the same command with --resume continues where it stopped.",
            "",
            "Credentials come from CLOUDFLARE_API_TOKEN (needs Account > Workers KV",
            "Storage > Read), CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_BASE_URL, as for",
            "wrangler. See docs/export.md.",
            "",
            "--do exports Durable Objects: objects are listed over the API (Workers",
            "Scripts > Read) and read through the export Worker (--export-worker, with",
            "the secret in LANDFALL_EXPORT_SECRET; docs/export-worker-protocol.md).",
            "Each object is a scope of its own, checkpointed; with --do and no --kv,",
            "no KV namespace is exported. A value the export Worker cannot encode (a",
            "cycle, an array with named properties) is left out and listed by key, and",
            "the export exits 3 unless --accept-unencodable is given.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall export --to bundle:export/",
            "  landfall export --from cloudflare://023e105f4ecef8ad9ca31a8372d0c353 \\",
            "      --to bundle:export/ --kv SESSIONS --kv 0f2ac74b498b48028cb68387c421e279",
            "  landfall export --to bundle:export/ --resume",
            "  LANDFALL_EXPORT_SECRET=… landfall export --to bundle:export/ \\",
            "      --do ChatRoom --export-worker https://landfall-export.example.workers.dev",
            "",
            "Exit codes: 0 done; 1 runtime failure (rerun with --resume); 2 a bad flag,",
            "token, permission or namespace, or a bundle that holds an export already",
            "(add --resume or --force); 3 Durable Object values the export Worker cannot",
            "encode were left out (listed; --accept-unencodable makes that exit 0), or",
            "the account holds Durable Object namespaces and neither --kv nor --do named",
            "what to take (each is listed with the --do that takes it)."
        })
public final class ExportCommand extends LandfallCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions read;

    @Mixin
    UnencodableOptions unencodable;

    @Mixin
    BundleTargetOptions bundle;

    @Mixin
    JsonSummaryOptions json;

    @Override
    public Integer call() throws IOException {
        // Everything is checked before the first request or write: flags, bundle, source, credentials.
        ExportOptions options = bundle.exportOptions(VersionProvider.version());
        StoreUri origin = read.from().uri("cloudflare://");
        if (!SourceRegistry.isSource(origin.scheme())) {
            throw LandfallException.usage(
                    "--from " + origin + ": export reads an account (or a wrangler file), not a store",
                    "copy a store into a bundle with 'landfall import --from " + origin + " --to bundle:DIR'");
        }
        SourceOptions sourceOptions = read.sourceOptions(context.err());
        SourceEnv env =
                context.sourceEnv(sourceOptions).withNotes(new NoteLine("export", context.err(), context.terminal()));
        ExportResult result;
        try (Source source = SourceRegistry.open("--from", origin, env)) {
            CopyProgress progress = new CopyProgress(
                    "export",
                    context.err(),
                    context.terminal(),
                    json.given(),
                    env.clock(),
                    Optional.of(() -> ApiUsage.of(source)));
            result = new Exporter(options, env.clock()).export(source, progress, () -> false);
        } catch (LandfallException | IOException e) {
            throw LandfallException.resumable(e, "export", "nothing is lost; continue with: " + resumeCommand());
        }
        boolean durable = !sourceOptions.durableObjects().isEmpty();
        var summary = new ExportSummary(result, sourceOptions.budget(), durable, unencodable.accepts());
        summary.print(context.out(), json.given());
        int lost = unencodable.exitCode(
                result.refused(),
                context.err(),
                "export",
                "export again with --force",
                resumeCommand() + " --accept-unencodable");
        return Math.max(lost, LeftBehindNotice.exitCode(result.leftBehind(), context.err(), "export", "exported"));
    }

    /** The command that continues this export: the flags as given, and --resume. */
    private String resumeCommand() {
        return RerunCommand.of(
                "landfall export",
                spec,
                List.of("--resume", "--force", "--json", "--verbose", "--accept-unencodable"),
                "--resume");
    }
}
