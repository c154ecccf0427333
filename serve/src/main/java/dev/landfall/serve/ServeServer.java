package dev.landfall.serve;

import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.ServeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code landfall serve} over HTTP: the JDK's server on a fixed pool of request threads, answering
 * through a {@link ServeHandler}.
 *
 * <p>Lifecycle: {@link #start} binds and serves; {@link #drain} refuses new requests (503, and
 * {@code /readyz} says draining), waits for those in flight, then stops and closes the store;
 * {@link #close} is a drain. Both idempotent, from any thread.
 */
public final class ServeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServeServer.class);
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer http;
    private final ExecutorService executor;
    private final KvService kv;
    private final ServeConfig config;
    private final AtomicBoolean draining;
    private final InFlightRequests inFlight;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ServeServer(
            HttpServer http,
            ExecutorService executor,
            KvService kv,
            ServeConfig config,
            AtomicBoolean draining,
            InFlightRequests inFlight) {
        this.http = http;
        this.executor = executor;
        this.kv = kv;
        this.config = config;
        this.draining = draining;
        this.inFlight = inFlight;
    }

    /**
     * Binds {@code config.listen()} and starts serving {@code kv}, with {@code mounted} beside the
     * REST routes. Tries the store once, so {@code /readyz} is ready at once when it answers.
     *
     * @throws LandfallException a usage error naming {@code --listen} when the address cannot be bound
     */
    public static ServeServer start(ServeConfig config, KvService kv, List<ServeRoute> mounted, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(kv, "kv");
        config.checkSafe();
        InetSocketAddress bind = config.listen().resolve();
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (~40 ms per answer). It reads this once, at its first use.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(bind, 1024);
        } catch (IOException e) {
            throw LandfallException.usage(
                    "--listen " + config.listen() + " cannot be listened on: " + e.getMessage(),
                    "choose a free port on an address of this machine (--listen 127.0.0.1:0 picks one)",
                    e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "landfall-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean draining = new AtomicBoolean();
        InFlightRequests inFlight = new InFlightRequests();
        Metrics metrics = new Metrics();
        ServeMetrics serveMetrics = new ServeMetrics(
                metrics,
                () -> kv.cacheStats().hitCount(),
                () -> kv.cacheStats().missCount(),
                kv::cachedBytes,
                () -> kv.health().errors());
        ServeStatus status =
                new ServeStatus(kv, clock.instant(), config.flags(kv.describeStore()), draining::get, inFlight::count);
        http.createContext(
                "/",
                new ServeHandler(
                        kv,
                        mounted,
                        new BearerAuth(config.token()),
                        status,
                        metrics,
                        serveMetrics,
                        clock,
                        draining::get,
                        inFlight));
        http.setExecutor(executor);
        kv.probe();
        http.start();
        return new ServeServer(http, executor, kv, config, draining, inFlight);
    }

    /** The address bound, with the port the system chose when port 0 was asked for. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * Stops taking requests, waits up to the configured drain time for those in flight, then stops
     * the server and closes the store. Idempotent.
     *
     * @return true when every request in flight finished in time
     */
    public boolean drain() {
        if (!stopped.compareAndSet(false, true)) {
            return true;
        }
        draining.set(true);
        boolean idle;
        try {
            idle = inFlight.awaitIdle(config.drainFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        http.stop(0);
        executor.shutdownNow();
        try {
            kv.close();
        } catch (IOException e) {
            log.warn("closing the store failed: {}", e.getMessage());
        }
        return idle;
    }

    @Override
    public void close() {
        drain();
    }
}
