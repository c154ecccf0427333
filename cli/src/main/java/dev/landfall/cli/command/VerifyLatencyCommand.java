package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.DualRunLoadOptions;
import dev.landfall.cli.option.DurationFlag;
import dev.landfall.cli.option.RequestCorpusOptions;
import dev.landfall.cli.option.SampleOptions;
import dev.landfall.cli.option.SloOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.LatencyProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.SampledDualRun;
import dev.landfall.verify.latency.SamplesWritten;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.report.LatencyHtmlRenderer;
import dev.landfall.verify.latency.report.LatencyJsonRenderer;
import dev.landfall.verify.latency.report.LatencyTextRenderer;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    private static final double DEFAULT_RATE = 100;

    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--baseline", required = true, paramLabel = "URL", description = "The old endpoint's base URL.")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "URL", description = "The new endpoint's base URL.")
    String candidate;

    @Mixin
    RequestCorpusOptions corpus;

    @Mixin
    DualRunLoadOptions load;

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
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Longest wait for one answer, queueing included (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    SloOptions gate;

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

    @Mixin
    SampleOptions samples;

    public VerifyLatencyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        SampledDualRun run = new SampledDualRun(config(), Clock.systemUTC());
        Optional<SampleOptions.Target> target = samples.check(context.env());
        DualRunResult result;
        try (RequestCorpus requests = corpus.open()) {
            Optional<SampledDualRun.Samples> sink = target.map(t -> SampleOptions.open(t, context.err()));
            LatencyProgress progress =
                    new LatencyProgress(context.err(), context.terminal(), json && !context.terminal());
            try (StopOnInterrupt stop = new StopOnInterrupt(run::cancel)) {
                result = run.run(requests, sink, progress);
            } finally {
                progress.finish();
            }
        }
        result.samples()
                .filter(w -> !w.complete())
                .ifPresent(w -> context.err().println("verify latency: " + LatencyTextRenderer.samplesLine(w)));
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
        return result.samples().map(SamplesWritten::complete).orElse(true) ? 0 : 1;
    }

    /** Every flag checked before any request is sent. */
    private DualRunConfig config() {
        URI b = DualRunConfig.endpoint("--baseline", baseline);
        URI c = DualRunConfig.endpoint("--candidate", candidate);
        corpus.check("--requests for an NDJSON corpus, --requests-from with --template to make one per exported key");
        double rate = load.rate(DEFAULT_RATE);
        Duration d = DurationFlag.positive("--duration", duration, "60s");
        Duration w = DurationFlag.parse("--warmup", warmup, "10s");
        Duration t = DurationFlag.positive("--timeout", timeout, "10s");
        if (noiseSamples < 0 || noiseSamples > 10_000) {
            throw LandfallException.usage("--noise-samples " + noiseSamples + " is out of range", "use 0..10000");
        }
        if (show < 0 || show > 10_000) {
            throw LandfallException.usage("--show " + show + " is out of range", "use 0..10000");
        }
        if (rate * (d.toNanos() / 1e9) < 1) {
            throw LandfallException.usage(
                    "--rate " + rate + " for " + duration + " sends no request", "raise --rate or --duration");
        }
        return new DualRunConfig(
                b, c, rate, d, w, load.connections(), t, gate.slo(Slo.DEFAULT), gate.ignore(), noiseSamples, show, 1);
    }
}
