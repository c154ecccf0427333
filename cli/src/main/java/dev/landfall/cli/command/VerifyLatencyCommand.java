package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.DualRunTrafficOptions;
import dev.landfall.cli.option.MeasureOptions;
import dev.landfall.cli.option.SampleOptions;
import dev.landfall.cli.option.SloOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.LatencyOutput;
import dev.landfall.cli.render.LatencyProgress;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.SampledDualRun;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
            "Sends every request of the corpus to both endpoints, in a random order per",
            "request, at a constant rate (an open loop: a slow endpoint does not slow the",
            "sending). Latency counts from each request's intended send time, so stalls are",
            "not hidden (coordinated omission corrected), and is kept per endpoint in an",
            "HdrHistogram; the warm-up is not measured. Answers are compared: status, and the",
            "body (JSON structurally). Fields that differ between two baseline answers to the",
            "same request are noise and ignored, as are --ignore paths. The SLO judges the",
            "candidate. Guide: docs/dual-run.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall verify latency --baseline https://api.example.workers.dev \\",
            "      --candidate https://api.example.com --requests requests.ndjson \\",
            "      --rate 500 --duration 60s \\",
            "      --slo 'p99<=10ms,errors<=0.1%%,mismatch<=0.1%%,speedup>=2'",
            "  landfall verify latency --baseline URL --candidate URL \\",
            "      --requests-from bundle:export/ \\",
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
public final class VerifyLatencyCommand extends LandfallCommand {
    private static final double DEFAULT_RATE = 100;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--baseline", required = true, paramLabel = "URL", description = "The old endpoint's base URL.")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "URL", description = "The new endpoint's base URL.")
    String candidate;

    @Mixin
    DualRunTrafficOptions traffic;

    @Mixin
    MeasureOptions measure;

    @Mixin
    SloOptions gate;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write the HTML report with the plot.")
    Path report;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;

    @Mixin
    SampleOptions samples;

    @Override
    public Integer call() throws IOException {
        SampledDualRun run = new SampledDualRun(config(), Clock.systemUTC());
        Optional<SampleOptions.Target> target = samples.check(context.env());
        DualRunResult result;
        try (RequestCorpus requests = traffic.open()) {
            Optional<SampledDualRun.Samples> sink = target.map(t -> SampleOptions.open(t, context.err()));
            LatencyProgress progress =
                    new LatencyProgress(context.err(), context.terminal(), json && !context.terminal());
            try (StopOnInterrupt stop = new StopOnInterrupt(run::cancel)) {
                result = run.run(requests, sink, progress);
            } finally {
                progress.finish();
            }
        }
        return LatencyOutput.write(result, json, Optional.ofNullable(report), context.out(), context.err());
    }

    /** Every flag checked before any request is sent. */
    private DualRunConfig config() {
        URI b = DualRunConfig.endpoint("--baseline", baseline);
        URI c = DualRunConfig.endpoint("--candidate", candidate);
        traffic.check("--requests for an NDJSON corpus, --requests-from with --template to make one per exported key");
        return measure.config(
                b, c, traffic.rate(DEFAULT_RATE), traffic.connections(), gate.slo(Slo.DEFAULT), gate.ignore());
    }
}
