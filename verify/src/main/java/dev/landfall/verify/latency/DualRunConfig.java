package dev.landfall.verify.latency;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.load.Schedule;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one dual run does: the two endpoints, the load and how answers and latencies are judged.
 * Immutable; checked on construction, so a run never starts on a bad setting.
 *
 * @param baseline the old endpoint's base URL (http or https); request paths are appended to it
 * @param candidate the new endpoint's base URL
 * @param rate request pairs per second, sent at a constant rate whatever the endpoints do
 * @param duration how long to measure, after the warm-up
 * @param warmup how long to send before measuring, ramping the rate up from a tenth; answers in
 *     it are neither timed nor compared
 * @param connections connections (and sender threads) per endpoint
 * @param timeout the most one request may take, waiting for a free connection included
 * @param slo what must hold for the run to pass
 * @param ignore JSON paths left out of the parity comparison, besides the noise found
 * @param noiseSamples requests sent to the baseline twice before the run to find noisy fields (0: none)
 * @param maxExamples mismatches kept, with their differences, for the report
 * @param seed unused since each endpoint's senders send a pair at its due time on their own (there
 *     is no "first" endpoint to choose any more); kept so that callers need not change
 */
public record DualRunConfig(
        URI baseline,
        URI candidate,
        double rate,
        Duration duration,
        Duration warmup,
        int connections,
        Duration timeout,
        Slo slo,
        List<PathPattern> ignore,
        int noiseSamples,
        int maxExamples,
        long seed) {
    /** More would be more threads than two cores can schedule usefully. */
    public static final int MAX_CONNECTIONS = 1024;

    private static final Duration BAKE_WARMUP_CAP = Duration.ofSeconds(30);

    public DualRunConfig {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(slo, "slo");
        ignore = List.copyOf(ignore);
        require(rate > 0 && rate <= 1_000_000, "rate must be above 0 and at most 1000000 pairs/s");
        require(!duration.isNegative() && !duration.isZero(), "duration must be positive");
        require(!warmup.isNegative(), "warmup must not be negative");
        require(connections >= 1 && connections <= MAX_CONNECTIONS, "connections must be 1.." + MAX_CONNECTIONS);
        require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
        require(noiseSamples >= 0 && noiseSamples <= 10_000, "noiseSamples must be 0..10000");
        require(maxExamples >= 0 && maxExamples <= 10_000, "maxExamples must be 0..10000");
        require(rate * duration.toNanos() / 1e9 >= 1, "rate x duration must make at least one measured request");
    }

    /** Defaults for everything but the endpoints and the load. */
    public static DualRunConfig of(URI baseline, URI candidate, double rate, Duration duration) {
        return new DualRunConfig(
                baseline,
                candidate,
                rate,
                duration,
                Duration.ZERO,
                16,
                Duration.ofSeconds(10),
                Slo.parse(Slo.DEFAULT),
                List.of(),
                20,
                20,
                1);
    }

    /**
     * The dual run of one cutover bake: a tenth of the bake, at most 30 s, warms both paths up and
     * the rest is measured; the other settings are the defaults of {@link #of}.
     *
     * @throws LandfallException USAGE when the bake is too short to send one request at {@code rate}
     */
    public static DualRunConfig forBake(
            URI baseline,
            URI candidate,
            double rate,
            int connections,
            Slo slo,
            List<PathPattern> ignore,
            Duration bake) {
        if (rate * bake.toNanos() / 1e9 < 1) {
            throw LandfallException.usage(
                    "a bake of " + bake.toSeconds() + " s at " + rate + " pairs/s sends no request",
                    "raise --rate or --bake");
        }
        Duration tenth = bake.dividedBy(10);
        Duration warmup = tenth.compareTo(BAKE_WARMUP_CAP) > 0 ? BAKE_WARMUP_CAP : tenth;
        return new DualRunConfig(
                baseline,
                candidate,
                rate,
                bake.minus(warmup),
                warmup,
                connections,
                Duration.ofSeconds(10),
                slo,
                ignore,
                20,
                20,
                1);
    }

    /** When each pair is due: a ramp through the warm-up, then the constant rate. */
    public Schedule schedule() {
        return new Schedule(rate, warmup.toNanos(), duration.toNanos());
    }

    /** How many pairs a run sends in all, warm-up included. */
    public long totalPairs() {
        return schedule().totalPairs();
    }

    /**
     * Parses an endpoint's base URL for a flag.
     *
     * @throws LandfallException (usage) naming the flag when it is not an http(s) URL with a host
     */
    public static URI endpoint(String flag, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw LandfallException.usage(flag + " " + text + " is not a URL", "write it as http://host:port/base");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw LandfallException.usage(
                    flag + " " + masked(uri) + " is not an http(s) URL with a host",
                    "write it as http://host:port/base");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw LandfallException.usage(
                    flag + " " + masked(uri) + " has a query or fragment",
                    "give only the base URL; queries belong in the requests' paths");
        }
        return uri;
    }

    /** The URL with any user info hidden, for messages and reports. */
    public static String masked(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
