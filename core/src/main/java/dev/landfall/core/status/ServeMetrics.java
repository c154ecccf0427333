package dev.landfall.core.status;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.DoubleSupplier;

/**
 * {@code landfall serve}'s meters: requests by route and status with their latency, the cache's
 * hits and misses (read from the cache when scraped), and failed store calls. Making one registers
 * them all with {@link Metrics}. Thread-safe; {@link #request} is on every request's path, so the
 * labelled children are looked up once per route and status and kept.
 */
public final class ServeMetrics {
    private final Counter requests;
    private final Histogram latency;
    private final ConcurrentMap<String, RouteMeters> routes = new ConcurrentHashMap<>();

    /**
     * Registers serve's meters.
     *
     * @param cacheHits the cache's hits so far (answers served from memory, found or not)
     * @param cacheMisses the cache's misses so far (answers read from the store)
     * @param cacheBytes the bytes the cache holds now
     * @param storeErrors store calls failed so far
     * @throws IllegalStateException if {@code metrics} has them already (one serve per process)
     */
    public ServeMetrics(
            Metrics metrics,
            DoubleSupplier cacheHits,
            DoubleSupplier cacheMisses,
            DoubleSupplier cacheBytes,
            DoubleSupplier storeErrors) {
        Objects.requireNonNull(metrics, "metrics");
        requests = metrics.counter(
                "landfall_serve_requests_total", "Requests answered, by route and HTTP status.", "route", "status");
        latency = metrics.histogram(
                "landfall_serve_request_duration_seconds",
                "Time to answer a request, by route.",
                new String[] {"route"},
                0.0001,
                0.00025,
                0.0005,
                0.001,
                0.002,
                0.005,
                0.01,
                0.025,
                0.05,
                0.1,
                0.25,
                0.5,
                1,
                2.5,
                5);
        metrics.counterFrom(
                "landfall_serve_cache_hits_total", "Reads answered from memory (a cached miss is a hit).", cacheHits);
        metrics.counterFrom("landfall_serve_cache_misses_total", "Reads that went to the store.", cacheMisses);
        metrics.gaugeFrom(
                "landfall_serve_cache_hit_ratio",
                "Hits over all reads since start (NaN before the first read).",
                () -> {
                    double h = cacheHits.getAsDouble();
                    double all = h + cacheMisses.getAsDouble();
                    return all == 0 ? Double.NaN : h / all;
                });
        metrics.gaugeFrom("landfall_serve_cache_bytes", "Bytes of keys, values and metadata cached.", cacheBytes);
        metrics.counterFrom(
                "landfall_serve_store_errors_total",
                "Store calls that failed (the store was unreachable).",
                storeErrors);
    }

    /**
     * Counts one answered request.
     *
     * @param route the route template ({@code GET /values/{key}}), never the raw path: bounded labels
     * @param status the HTTP status sent
     * @param nanos how long the answer took
     */
    public void request(String route, int status, long nanos) {
        RouteMeters meters = routes.get(route);
        if (meters == null) {
            meters = routes.computeIfAbsent(route, r -> new RouteMeters(r, latency.labelValues(r)));
        }
        meters.answered(status).inc();
        meters.latency.observe(nanos / 1e9);
    }

    /**
     * One route's labelled children: its latency, and its counters by status in an array, so that
     * counting a request builds no label key (a string per request, on every request's path).
     */
    private final class RouteMeters {
        private final String route;
        private final DistributionDataPoint latency;
        private final AtomicReferenceArray<CounterDataPoint> byStatus = new AtomicReferenceArray<>(600);

        RouteMeters(String route, DistributionDataPoint latency) {
            this.route = route;
            this.latency = latency;
        }

        CounterDataPoint answered(int status) {
            if (status < 0 || status >= byStatus.length()) {
                return requests.labelValues(route, Integer.toString(status)); // no HTTP status: not kept
            }
            CounterDataPoint counter = byStatus.get(status);
            if (counter == null) {
                // labelValues hands out the same child for the same labels, so a race here is harmless.
                counter = requests.labelValues(route, Integer.toString(status));
                byStatus.set(status, counter);
            }
            return counter;
        }
    }
}
