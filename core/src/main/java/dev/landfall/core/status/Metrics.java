package dev.landfall.core.status;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The meters of one process, served on {@code /metrics} in the Prometheus text format (version
 * 0.0.4). Meters are made only through the named sets that own them ({@link FollowMetrics}), whose
 * constructors register them here ({@link ServeMetrics} too), so a meter that is counted is always one that is served.
 *
 * <p>Thread-safe: the process counts on its threads while the server writes on its own.
 */
public final class Metrics {
    /** The content type of {@link #writeTo}: {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    // Its own registry, never the client's static default: two runs in one JVM (tests, the demo)
    // must not share or collide on meters.
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.builder()
            .setIncludeCreatedTimestamps(false)
            .build();

    /** Writes every meter in the Prometheus text format, with {@code # HELP} and {@code # TYPE} lines. */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /**
     * A counter, registered. {@code name} ends in {@code _total}, as the format wants.
     *
     * @throws IllegalStateException if a meter of that name is registered already (a set made twice)
     */
    Counter counter(String name, String help, String... labelNames) {
        return register(
                name,
                Counter.builder().name(name).help(help).labelNames(labelNames).withoutExemplars()::register);
    }

    /** A gauge, registered; it reads {@code NaN} ("not measured yet") until it is first set. */
    Gauge gauge(String name, String help) {
        Gauge gauge = register(name, Gauge.builder().name(name).help(help).withoutExemplars()::register);
        gauge.set(Double.NaN);
        return gauge;
    }

    /** A counter whose value is read from {@code value} when scraped, registered. */
    void counterFrom(String name, String help, DoubleSupplier value) {
        register(
                name,
                CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                        ::register);
    }

    /** A gauge whose value is read from {@code value} when scraped, registered. */
    void gaugeFrom(String name, String help, DoubleSupplier value) {
        register(
                name,
                GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                        ::register);
    }

    /** A classic histogram with these bucket bounds (seconds), registered. */
    Histogram histogram(String name, String help, double... buckets) {
        return histogram(name, help, new String[0], buckets);
    }

    /** A classic histogram with these labels and bucket bounds (seconds), registered. */
    Histogram histogram(String name, String help, String[] labelNames, double... buckets) {
        return register(
                name,
                Histogram.builder()
                        .name(name)
                        .help(help)
                        .labelNames(labelNames)
                        .unit(Unit.SECONDS)
                        .classicOnly()
                        .classicUpperBounds(buckets)
                        .withoutExemplars()::register);
    }

    // The client refuses a second meter of one name with an IllegalArgumentException that does not
    // say so; a set made twice is a bug in the caller, so it is reported as one.
    private <M> M register(String name, Function<PrometheusRegistry, M> registration) {
        try {
            return registration.apply(registry);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("meter " + name + " is registered already", e);
        }
    }
}
