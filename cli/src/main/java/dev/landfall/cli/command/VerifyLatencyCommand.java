package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.RequestCorpusOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.LatencyProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import dev.landfall.store.clickhouse.ClickHouseLocation;
import dev.landfall.store.clickhouse.ClickHouseSession;
import dev.landfall.store.clickhouse.LatencySampleTable;
import dev.landfall.verify.latency.BatchingSampleSink;
import dev.landfall.verify.latency.DualRun;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.SampleSink;
import dev.landfall.verify.latency.SamplesWritten;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.report.LatencyHtmlRenderer;
import dev.landfall.verify.latency.report.LatencyJsonRenderer;
import dev.landfall.verify.latency.report.LatencyTextRenderer;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall verify latency}: the same traffic against the old and new endpoint, judged by an SLO. */
@Command(
        name = "latency",
        header = "Dual-run the same requests against the old and new endpoint: latency, parity, SLO gate.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sends every request of the corpus to both endpoints, in a random order per request, at a",
            "constant rate (an open loop: a slow endpoint does not slow the sending). Latency counts",
            "from each request's intended send time, so stalls are not hidden (coordinated omission",
            "corrected), and is kept per endpoint in an HdrHistogram; the warm-up is not measured.",
            "Answers are compared: status, and the body (JSON structurally). Fields that differ",
            "between two baseline answers to the same request are noise and ignored, as are --ignore",
            "paths. The SLO judges the candidate. Guide: docs/dual-run.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall verify latency --baseline https://api.example.workers.dev \\",
            "      --candidate https://api.example.com --requests requests.ndjson \\",
            "      --rate 500 --duration 60s --slo 'p99<=10ms,errors<=0.1%,mismatch<=0.1%,speedup>=2'",
            "  landfall verify latency --baseline URL --candidate URL --requests-from bundle:export/ \\",
            "      --template 'POST /v1/verify {\"key\":\"{key}\"}' --json --report dual-run.html",
            "  LANDFALL_REGION=eu-west-1 landfall verify latency --baseline URL \\",
            "      --candidate URL --requests requests.ndjson --run-id cutover-1 \\",
            "      --samples clickhouse://app@ch:8123/analytics",
            "",
            "Exit codes: 0 the SLO held; 3 SLO breach; 1 runtime failure (an endpoint",
            "never answered, or the SLO held but samples were lost on the way to",
            "--samples: the report says how many); 2 a bad flag, URL, SLO, corpus or",
            "--samples location; 130 stopped by Ctrl-C (the partial result is printed)."
        })
public final class VerifyLatencyCommand implements Callable<Integer> {
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(?:/s)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern LABEL = Pattern.compile("[\\x21-\\x7e]{1,128}");
    // Samples queued for ClickHouse before the run drops (and counts) them: about 30 MB at most,
    // several seconds of the highest rates, enough to ride out a slow INSERT.
    private static final int SINK_QUEUE = 200_000;
    // Pairs per INSERT (two rows each): ClickHouse wants few large inserts.
    private static final int SINK_BATCH = 50_000;
    private static final Duration SINK_DELAY = Duration.ofSeconds(1);
    // How long the end of a run waits for the last INSERTs.
    private static final Duration SINK_DRAIN = Duration.ofSeconds(60);

    private SamplesWritten written;

    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--baseline", required = true, paramLabel = "URL", description = "The old endpoint's base URL.")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "URL", description = "The new endpoint's base URL.")
    String candidate;

    @Mixin
    RequestCorpusOptions corpus;

    @Option(
            names = "--rate",
            paramLabel = "N/s",
            defaultValue = "100",
            description = "Request pairs per second (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Sent but not measured, first (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "16",
            description = "Connections per endpoint (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Longest wait for one answer, queueing included (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--slo",
            paramLabel = "SLO",
            defaultValue = Slo.DEFAULT,
            description = "Terms that must all hold (default: ${DEFAULT-VALUE}).")
    String slo;

    @Option(
            names = "--ignore",
            paramLabel = "JSONPATH",
            description = "Leave this JSON path out of the comparison (repeatable), e.g. $.requestId.")
    List<String> ignore = new ArrayList<>();

    @Option(
            names = "--noise-samples",
            paramLabel = "N",
            defaultValue = "20",
            description = "Requests sent to the baseline twice to find noisy fields (default: ${DEFAULT-VALUE}).")
    int noiseSamples;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "20",
            description = "Mismatches listed with their differences (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write the HTML report with the plot.")
    Path report;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;

    @Option(
            names = "--samples",
            paramLabel = "clickhouse://…",
            description = "Also write every measured request's latency and parity into ClickHouse"
                    + " (docs/clickhouse.md), as " + ClickHouseLocation.FORM + ".")
    String samples;

    @Option(
            names = "--samples-table",
            paramLabel = "NAME",
            defaultValue = LatencySampleTable.DEFAULT_NAME,
            description = "The samples table, created if missing (default: ${DEFAULT-VALUE}).")
    String samplesTable;

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

    public VerifyLatencyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        DualRunConfig config = config();
        SampleTarget target = samples == null ? null : sampleTarget();
        DualRunResult measured;
        try (RequestCorpus requests = corpus.open()) {
            BatchingSampleSink sink = target == null ? null : openSink(target);
            DualRun run = null;
            try {
                LatencyProgress progress =
                        new LatencyProgress(context.err(), context.terminal(), json && !context.terminal());
                run = new DualRun(config, requests, sink == null ? SampleSink.NONE : sink, progress, Clock.systemUTC());
                try (StopOnInterrupt stop = new StopOnInterrupt(run::cancel)) {
                    measured = run.run();
                } finally {
                    progress.finish();
                }
            } finally {
                if (sink != null) {
                    BatchingSampleSink.Counts c = sink.close(SINK_DRAIN);
                    written = new SamplesWritten(
                            target.location().label(),
                            target.table(),
                            target.runId(),
                            target.region(),
                            c.written(),
                            c.lost() + (run == null ? 0 : run.sinkFailures()),
                            c.error());
                }
            }
        }
        DualRunResult result = written == null ? measured : measured.withSamples(written);
        if (written != null) {
            if (!written.complete()) {
                context.err().println("verify latency: " + LatencyTextRenderer.samplesLine(written));
            }
        }
        if (report != null) {
            ReportOutput.write(report, context.out(), w -> new LatencyHtmlRenderer().render(result, w));
        }
        ReportOutput.write(null, context.out(), w -> {
            if (json) {
                new LatencyJsonRenderer().render(result, w);
            } else {
                new LatencyTextRenderer().render(result, w);
            }
        });
        if (report != null) {
            context.err().println("verify latency: HTML report in " + report);
        }
        if (result.stopped()) {
            context.err().println("verify latency: stopped by request; the figures cover what was measured.");
            return 130;
        }
        if (!result.passed()) {
            return 3;
        }
        // A held SLO with samples missing is not a clean run: whoever asked for --samples gets
        // an incomplete table, and says so in its exit code.
        return written == null || written.complete() ? 0 : 1;
    }

    /** Where the samples go and how they are labelled; checked before anything is sent. */
    private record SampleTarget(ClickHouseLocation location, String table, String runId, String region) {}

    private SampleTarget sampleTarget() {
        if (!ClickHouseLocation.matches(samples)) {
            throw LandfallException.usage(
                    "--samples " + samples + " is not a ClickHouse location", "write it as " + ClickHouseLocation.FORM);
        }
        ClickHouseLocation location = ClickHouseLocation.parse(samples, context.env());
        if (!NAME.matcher(samplesTable).matches()) {
            throw LandfallException.usage(
                    "--samples-table " + samplesTable + " is not a plain table name",
                    "use letters, digits and underscores, not starting with a digit");
        }
        String id = runId == null ? UUID.randomUUID().toString() : label("--run-id", runId);
        String envRegion = context.env().get("LANDFALL_REGION");
        String r = region != null
                ? label("--region", region)
                : envRegion == null || envRegion.isBlank() ? "local" : label("LANDFALL_REGION", envRegion.strip());
        return new SampleTarget(location, samplesTable, id, r);
    }

    private static String label(String flag, String value) {
        if (!LABEL.matcher(value).matches()) {
            throw LandfallException.usage(
                    flag + " '" + value + "' is not a label of 1 to 128 printable characters without spaces",
                    "for example " + flag + " eu-west-1");
        }
        return value;
    }

    /**
     * Connects and creates the samples table before any request is sent. A refused login, a
     * missing database or a read-only user is bad input (exit 2); a server that is down does not stop the run: the
     * samples it cannot take are counted and reported as lost.
     */
    private BatchingSampleSink openSink(SampleTarget t) {
        ClickHouseSession session = ClickHouseSession.open(t.location());
        ClickHouseSampleWriter writer = new ClickHouseSampleWriter(session, t.table(), t.runId(), t.region());
        try {
            writer.open();
        } catch (LandfallException e) {
            if (e.exitCode() == 2) {
                session.close();
                throw e;
            }
            context.err()
                    .println("verify latency: --samples " + t.location().label() + ": " + e.getMessage()
                            + "; the run goes on, and samples that cannot be written are counted as lost");
        }
        return new BatchingSampleSink(writer, SINK_QUEUE, SINK_BATCH, SINK_DELAY);
    }

    /** Every flag checked before any request is sent. */
    private DualRunConfig config() {
        URI b = DualRunConfig.endpoint("--baseline", baseline);
        URI c = DualRunConfig.endpoint("--candidate", candidate);
        corpus.check("--requests for an NDJSON corpus, --requests-from with --template to make one per exported key");
        double pairsPerSecond = rate();
        Duration d = duration("--duration", duration);
        Duration w = duration("--warmup", warmup);
        Duration t = duration("--timeout", timeout);
        if (d.isZero()) {
            throw LandfallException.usage("--duration must be above 0", "for example --duration 60s");
        }
        if (t.isZero()) {
            throw LandfallException.usage("--timeout must be above 0", "for example --timeout 10s");
        }
        if (connections < 1 || connections > DualRunConfig.MAX_CONNECTIONS) {
            throw LandfallException.usage(
                    "--connections " + connections + " is out of range", "use 1.." + DualRunConfig.MAX_CONNECTIONS);
        }
        if (noiseSamples < 0 || noiseSamples > 10_000) {
            throw LandfallException.usage("--noise-samples " + noiseSamples + " is out of range", "use 0..10000");
        }
        if (show < 0 || show > 10_000) {
            throw LandfallException.usage("--show " + show + " is out of range", "use 0..10000");
        }
        if (pairsPerSecond * (d.toNanos() / 1e9) < 1) {
            throw LandfallException.usage(
                    "--rate " + rate + " for " + duration + " sends no request", "raise --rate or --duration");
        }
        List<PathPattern> ignored = ignore.stream().map(PathPattern::parse).toList();
        return new DualRunConfig(
                b, c, pairsPerSecond, d, w, connections, t, Slo.parse(slo), ignored, noiseSamples, show, 1);
    }

    private double rate() {
        Matcher m = RATE.matcher(rate.strip());
        double v = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (v <= 0 || v > 1_000_000) {
            throw LandfallException.usage(
                    "--rate " + rate + " is not a rate above 0 and at most 1000000", "for example --rate 500 or 500/s");
        }
        return v;
    }

    private static Duration duration(String flag, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(flag + " " + text + " " + e.getMessage(), "for example " + flag + " 30s");
        }
    }
}
