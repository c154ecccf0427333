package dev.landfall.serve;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.ServeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code landfall serve} over HTTP: Jetty, one connector on the listen address, a bounded pool of
 * request threads, answering through a {@link ServeHandler}.
 *
 * <p>Lifecycle: {@link #start} binds and serves; {@link #drain} refuses new requests (503, and
 * {@code /readyz} says draining), waits for those in flight, then stops and closes the store;
 * {@link #close} is a drain. Both idempotent, from any thread.
 */
public final class ServeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServeServer.class);
    /** The connector's own threads: one accepting connections, one selecting ready ones. */
    private static final int ACCEPTORS = 1;

    private static final int SELECTORS = 1;

    private final Server jetty;
    private final ServerConnector connector;
    private final InetSocketAddress bound;
    private final KvService kv;
    private final ServeConfig config;
    private final AtomicBoolean draining;
    private final InFlightRequests inFlight;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ServeServer(
            Server jetty,
            ServerConnector connector,
            InetSocketAddress bound,
            KvService kv,
            ServeConfig config,
            AtomicBoolean draining,
            InFlightRequests inFlight) {
        this.jetty = jetty;
        this.connector = connector;
        this.bound = bound;
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

        QueuedThreadPool threads = new QueuedThreadPool(config.threads() + ACCEPTORS + SELECTORS);
        threads.setName("landfall-serve");
        threads.setDaemon(true);
        // No reserved threads: Jetty keeps them parked to take over selecting when a request must
        // leave the selector, and serve never asks for that (see setDynamic below); ServeHandler
        // hands its blocking work to the pool's queue, which reserved threads do not serve.
        threads.setReservedThreads(0);
        Server jetty = new Server(threads);
        // A dynamic server (Jetty's default: handlers may change while it runs) calls itself
        // BLOCKING whatever its handler says, and then every request read on the selector is run
        // by another thread: either a reserved thread is woken to select while this one answers,
        // or the request is queued to the pool. Fixed handlers let Jetty take ServeHandler's
        // NON_BLOCKING and answer on the selector thread itself, with no wake-up or hand-off.
        jetty.setDynamic(false);
        HttpConfiguration http = new HttpConfiguration();
        // serve reads the raw path itself (a key may hold %2F, "..", "|", or a bad escape that is
        // Cloudflare's 400 to give): Jetty must pass every target through, not judge it.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http));
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.setHandler(new ServeHandler(
                kv,
                mounted,
                new BearerAuth(config.token()),
                status,
                metrics,
                serveMetrics,
                clock,
                draining::get,
                inFlight,
                threads));
        jetty.setErrorHandler(new EnvelopeErrorHandler(serveMetrics));
        kv.probe();
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            if (e instanceof IOException) {
                throw LandfallException.usage(
                        "--listen " + config.listen() + " cannot be listened on: " + e.getMessage(),
                        "choose a free port on an address of this machine (--listen 127.0.0.1:0 picks one)",
                        e);
            }
            throw LandfallException.internal("the HTTP server did not start: " + e, e);
        }
        InetSocketAddress bound = new InetSocketAddress(bind.getAddress(), connector.getLocalPort());
        return new ServeServer(jetty, connector, bound, kv, config, draining, inFlight);
    }

    /** The address bound, with the port the system chose when port 0 was asked for. */
    public InetSocketAddress address() {
        return bound;
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
        connector.close();
        stopQuietly(jetty);
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

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server failed: {}", e.toString());
        }
    }
}
