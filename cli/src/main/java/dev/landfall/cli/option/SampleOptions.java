package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.store.clickhouse.ClickHouseSampleStore;
import dev.landfall.verify.latency.SampleDestination;
import dev.landfall.verify.latency.SampledDualRun;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --samples}, {@code --samples-table}, {@code --run-id} and {@code --region}: where a dual
 * run also stores every measured pair, and how the rows are labelled (docs/clickhouse.md).
 */
public final class SampleOptions {
    private static final Pattern LABEL = Pattern.compile("[\\x21-\\x7e]{1,128}");

    @Option(
            names = "--samples",
            paramLabel = "clickhouse://…",
            description = "Also write every measured request's latency and parity into ClickHouse"
                    + " (docs/clickhouse.md), as " + ClickHouseSampleStore.FORM + ".")
    String samples;

    @Option(
            names = "--samples-table",
            paramLabel = "NAME",
            defaultValue = ClickHouseSampleStore.DEFAULT_TABLE,
            description = "The samples table, created if missing (default: ${DEFAULT-VALUE}).")
    String samplesTable = ClickHouseSampleStore.DEFAULT_TABLE;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "The run's id in every sample row (default: a new random id, printed in the report).")
    String runId;

    @Option(
            names = "--region",
            paramLabel = "LABEL",
            description = "The load generator's region in every sample row (default: $LANDFALL_REGION, else local).")
    String region;

    /** A checked destination, not yet connected. */
    public record Target(ClickHouseSampleStore store, String runId, String region) {}

    /**
     * Checks every sample flag, before anything is sent; empty without {@code --samples}.
     *
     * @throws LandfallException USAGE naming the flag
     */
    public Optional<Target> check(Map<String, String> env) {
        if (samples == null) {
            return Optional.empty();
        }
        ClickHouseSampleStore store = ClickHouseSampleStore.of(samples, env, samplesTable);
        String id = runId == null ? UUID.randomUUID().toString() : label("--run-id", runId);
        String envRegion = env.get("LANDFALL_REGION");
        String r = region != null
                ? label("--region", region)
                : envRegion == null || envRegion.isBlank() ? "local" : label("LANDFALL_REGION", envRegion.strip());
        return Optional.of(new Target(store, id, r));
    }

    /**
     * Connects and creates the samples table. A refused login, a missing database or a read-only
     * user is bad input (exit 2); a server that is down does not stop the run: the samples it
     * cannot take are counted and reported as lost.
     *
     * @param warnings where a server that is down is reported
     */
    public static SampledDualRun.Samples open(Target t, PrintStream warnings) {
        try {
            t.store().open();
        } catch (LandfallException e) {
            if (e.exitCode() == 2) {
                t.store().close();
                throw e;
            }
            warnings.println("verify latency: --samples " + t.store().target() + ": " + e.getMessage()
                    + "; the run goes on, and samples that cannot be written are counted as lost");
        }
        return new SampledDualRun.Samples(
                new ClickHouseSampleWriter(t.store(), t.runId(), t.region()),
                new SampleDestination(t.store().target(), t.store().table(), t.runId(), t.region()));
    }

    private static String label(String flag, String value) {
        if (!LABEL.matcher(value).matches()) {
            throw LandfallException.usage(
                    flag + " '" + value + "' is not a label of 1 to 128 printable characters without spaces",
                    "for example " + flag + " eu-west-1");
        }
        return value;
    }
}
