package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.ReadOptions;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.ShowOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.render.NoteLine;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cli.render.VerificationReport;
import dev.landfall.core.diff.DataVerifier;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.Comparison;
import dev.landfall.core.spi.SourceEnv;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "  landfall verify data --from bundle:export/ --to postgres://app@db:5432/app \\",
            "      --format json",
            "",
            "Exit codes: 0 equal; 3 a difference was found; 1 runtime failure; 2 a bad",
            "flag or URI."
        })
public final class VerifyDataCommand extends LandfallCommand {

    @Mixin
    ReadOptions read;

    @Mixin
    StoreOptions to;

    @Mixin
    ReportOptions report;

    @Mixin
    ShowOptions show;

    @Override
    public Integer call() throws IOException {
        SourceEnv env = context.sourceEnv(read.sourceOptions(context.err()))
                .withNotes(new NoteLine("verify", context.err(), context.terminal()));
        VerificationReport result;
        try (Comparison pair = Comparison.open(
                read.from().uri(read.from().required("name what the store must equal")), to.uri(), env)) {
            List<ScopeVerification> verified =
                    new DataVerifier(pair.source(), pair.store(), show.show(), env.clock()).verify(pair.selection());
            result = new VerificationReport(pair.source().describe(), to.uri().toString(), verified);
        } catch (LandfallException e) {
            throw e;
        } catch (IOException e) {
            throw LandfallException.stopped("verify", e, "run it again");
        }
        ReportOutput.write(report.out().orElse(null), context.out(), w -> result.write(report.format(), w));
        return result.equal() ? 0 : 3;
    }
}
