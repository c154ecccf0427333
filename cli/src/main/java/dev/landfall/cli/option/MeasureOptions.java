package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How long {@code verify latency} measures and what it keeps: {@code --duration}, {@code --warmup},
 * {@code --timeout}, {@code --noise-samples}, {@code --show}. A cutover bake sets these itself
 * ({@link DualRunConfig#forBake}).
 */
public final class MeasureOptions {
    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    String duration = "60s";

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Sent but not measured, first (default: ${DEFAULT-VALUE}).")
    String warmup = "10s";

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Longest wait for one answer, queueing included (default: ${DEFAULT-VALUE}).")
    String timeout = "10s";

    @Option(
            names = "--noise-samples",
            paramLabel = "N",
            defaultValue = "20",
            description = "Requests sent to the baseline twice to find noisy fields (default: ${DEFAULT-VALUE}).")
    int noiseSamples = 20;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "20",
            description = "Mismatches listed with their differences (default: ${DEFAULT-VALUE}).")
    int show = 20;

    /**
     * The whole dual run, every flag checked before any request is sent.
     *
     * @throws LandfallException USAGE naming the flag
     */
    public DualRunConfig config(
            URI baseline, URI candidate, double rate, int connections, Slo slo, List<PathPattern> ignore) {
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
        return new DualRunConfig(baseline, candidate, rate, d, w, connections, t, slo, ignore, noiseSamples, show, 1);
    }
}
