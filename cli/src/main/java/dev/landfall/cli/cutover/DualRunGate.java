package dev.landfall.cli.cutover;

import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.CutoverStopped;
import dev.landfall.infra.cutover.GateVerdict;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.verify.latency.DualRun;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.DualRunListener;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.SampleSink;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.report.LatencyTextRenderer;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cutover's real gate: for the whole bake, a dual run sends the same requests to the old and
 * the new endpoint at a constant rate and the SLO judges the new one. A breach prints the run's
 * full report, so the operator sees why traffic went back.
 */
public final class DualRunGate implements StepGate {
    private final Function<Duration, DualRunConfig> configForBake;
    private final CorpusOpener corpus;
    private final PrintStream report;

    /** Opens the request corpus afresh for each step. */
    @FunctionalInterface
    public interface CorpusOpener {
        RequestCorpus open() throws IOException;
    }

    /**
     * @param configForBake the dual run's settings for a bake of the given length
     * @param corpus the requests, reopened for every step
     * @param report where a breached step's full report goes
     */
    public DualRunGate(Function<Duration, DualRunConfig> configForBake, CorpusOpener corpus, PrintStream report) {
        this.configForBake = Objects.requireNonNull(configForBake, "configForBake");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.report = Objects.requireNonNull(report, "report");
    }

    @Override
    public GateVerdict judge(int step, double percent, Duration bake) {
        DualRunResult result;
        try (RequestCorpus requests = corpus.open()) {
            DualRun run = new DualRun(
                    configForBake.apply(bake), requests, SampleSink.NONE, DualRunListener.NONE, Clock.systemUTC());
            try (StopOnInterrupt stop = new StopOnInterrupt(run::cancel)) {
                result = run.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result.stopped()) {
            throw new CutoverStopped();
        }
        String summary = summary(result);
        if (result.passed()) {
            return GateVerdict.pass(summary);
        }
        PrintWriter out = new PrintWriter(report, false, StandardCharsets.UTF_8);
        new LatencyTextRenderer().render(result, out);
        out.flush();
        return GateVerdict.breach(summary);
    }

    static String summary(DualRunResult result) {
        String checks = result.verdict().checks().stream()
                .map(c -> c.term().text() + " (" + c.actualText() + (c.passed() ? ")" : ", breached)"))
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "p99 %.1f ms new vs %.1f ms old, %d pairs; %s",
                result.candidate().p99Ms(),
                result.baseline().p99Ms(),
                result.candidate().requests(),
                checks.isEmpty() ? "no SLO terms" : checks);
    }

    /**
     * The dual run of a bake of any length, from the endpoints (flag, else spec) and the load and
     * SLO flags; everything is checked here, before any traffic moves.
     *
     * @throws LandfallException USAGE naming a missing or bad endpoint
     */
    public static Function<Duration, DualRunConfig> bakeConfig(
            Optional<String> baseline,
            Optional<String> candidate,
            double rate,
            int connections,
            Slo slo,
            List<PathPattern> ignore) {
        if (baseline.isEmpty() || candidate.isEmpty()) {
            String missing = baseline.isEmpty() ? "baseline" : "candidate";
            throw LandfallException.usage(
                    "the dual run needs both endpoints: --" + missing + " is not given and cutover." + missing
                            + " is not in the spec",
                    "add cutover.baseline and cutover.candidate to landfall.yaml or pass the flags"
                            + " (--no-verify bakes without comparing, not recommended)");
        }
        URI base = DualRunConfig.endpoint("--baseline", baseline.get());
        URI cand = DualRunConfig.endpoint("--candidate", candidate.get());
        return bake -> DualRunConfig.forBake(base, cand, rate, connections, slo, ignore, bake);
    }
}
