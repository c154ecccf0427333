package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.location.SourceLocation;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cli.render.VerificationReport;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall verify data}: a store holds exactly what its source holds. */
@Command(
        name = "data",
        header = "Prove a store holds exactly the source's entries, by count and digest per scope.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Computes each scope's count and order-independent SHA-256 digest (key, value,",
            "metadata, expiration: docs/bundle-format.md) on both sides. Where they differ,",
            "only the keys in the differing ones of 256 digest buckets are compared, to name",
            "the keys that differ. Entries that expired since the source was read are left",
            "out on both sides and reported as expired, never as mismatches. Reads only.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall verify data --from bundle:export/",
            "  landfall verify data --from bundle:export/ --to postgres://app@db:5432/app --format json",
            "",
            "Exit codes: 0 equal; 3 a difference was found; 1 runtime failure; 2 a bad flag or URI."
        })
public final class VerifyDataCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--from", required = true, paramLabel = "SOURCE", description = "What the store must equal.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "STORE",
            defaultValue = "sqlite:landfall.db",
            description = "The store to verify (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = ReportFormat.Converter.class,
            description = "text (default), md, json or html.")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "20",
            description = "Differing keys listed per scope (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--kv", paramLabel = "NAMESPACE", description = "Verify only this KV namespace (repeatable).")
    List<String> kv = new ArrayList<>();

    @Option(names = "--do", paramLabel = "NAMESPACE", description = "Verify only this Durable Object namespace.")
    List<String> durableObjects = new ArrayList<>();

    public VerifyDataCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (show < 0 || show > 100_000) {
            throw LandfallException.usage("--show " + show + " is out of range", "use 0..100000");
        }
        StoreUri target = StoreUri.parse(to);
        ScopeSelection selection = SourceLocation.selection(from, kv, durableObjects);
        Clock clock = Clock.systemUTC();
        VerificationReport report;
        try (Source source = SourceLocation.open(from, kv, clock, context.env(), null)) {
            selection.checkAgainst(source);
            try (Source store = StoreRegistry.openForReading("--to", target)) {
                List<ScopeVerification> result = new DataVerifier(source, store, show, clock).verify(selection);
                report = new VerificationReport(source.describe(), target.toString(), result);
            }
        } catch (LandfallException e) {
            throw e;
        } catch (IOException e) {
            throw LandfallException.transientFailure(
                    "verify stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()), "run it again", e);
        }
        ReportOutput.write(out, context.out(), w -> report.write(format, w));
        return report.equal() ? 0 : 3;
    }
}
