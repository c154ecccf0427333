package dev.landfall.core.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status pages of a long-running process, over HTTP: {@code GET /statusz} (what runs and how
 * it is doing), {@code GET /flagz} (its options), both as plain text or, with {@code Accept:
 * application/json}, as JSON (the Kubernetes z-pages convention); and {@code GET /metrics} in the
 * Prometheus text format. Any other path is 404, any other method 405.
 *
 * <p>Lifecycle: {@link #start} binds and serves on one daemon thread of its own; {@link #close}
 * stops it (idempotent, from any thread). The pages read a {@link StatusSource} and {@link Metrics}
 * on that thread; the server holds no logic of the process it shows.
 *
 * <p>Nothing served can carry a secret the source did not mask: every string is masked again and
 * escaped ({@link SecretMask}, {@code VisibleText}). Bound to a non-loopback host, the pages show
 * the run's locations, position and errors to anyone on that network: {@link #loopbackOnly()} lets
 * the caller warn.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final StatusSource source;
    private final Metrics metrics;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusServer(
            HttpServer server, ExecutorService executor, StatusSource source, Metrics metrics, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.source = source;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @param clock gives "now" for the uptime on {@code /statusz}
     * @throws LandfallException a usage error naming {@code --status-addr} when the host does not
     *     resolve or the address cannot be bound (in use, not this machine's)
     */
    public static StatusServer start(StatusAddress address, StatusSource source, Metrics metrics, Clock clock) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        InetSocketAddress bind = new InetSocketAddress(address.host(), address.port());
        if (bind.isUnresolved()) {
            throw StatusAddress.bad(address.toString(), "names host '" + address.host() + "', which does not resolve");
        }
        HttpServer http;
        try {
            http = HttpServer.create(bind, 0);
        } catch (IOException e) {
            throw LandfallException.usage(
                    "--status-addr " + address + " cannot be listened on: " + e.getMessage(),
                    "choose a free port on an address of this machine, or port 0 for any free port"
                            + " (--status-addr 127.0.0.1:0)",
                    e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "landfall-status");
            t.setDaemon(true);
            return t;
        });
        StatusServer status = new StatusServer(http, executor, source, metrics, clock);
        http.createContext("/", status::handle);
        http.setExecutor(executor);
        http.start();
        return status;
    }

    /** The address bound, with the port the system chose when port 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL of the pages, e.g. {@code http://127.0.0.1:9464}. */
    public String url() {
        InetSocketAddress a = address();
        return "http://" + new HostPort(a.getAddress().getHostAddress(), a.getPort());
    }

    /** Whether only this machine can reach the pages (a loopback address, not a wildcard). */
    public boolean loopbackOnly() {
        return address().getAddress().isLoopbackAddress();
    }

    /** Stops serving; a request in flight is cut off. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        // HttpExchange is AutoCloseable only from Java 20 on.
        try {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/statusz") || path.equals("/flagz") || path.equals("/metrics");
            if (!known) {
                send(exchange, 404, TEXT, "not found: this server has /statusz, /flagz and /metrics\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, TEXT, "method not allowed: use GET\n");
                return;
            }
            try {
                respond(exchange, path);
            } catch (RuntimeException e) {
                // The process's own failure: a scraper sees 500, the operator finds it with --verbose,
                // and its message (which could name anything) never goes out on the network.
                log.warn("status page {} failed", path, e);
                send(exchange, 500, TEXT, "the status of this process could not be read\n");
            }
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/metrics")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            metrics.writeTo(body);
            send(exchange, 200, Metrics.CONTENT_TYPE, body.toByteArray());
            return;
        }
        boolean json = AcceptHeader.wantsJson(exchange.getRequestHeaders().get("Accept"));
        exchange.getResponseHeaders().set("Vary", "Accept");
        String body = path.equals("/statusz")
                ? (json
                        ? StatuszPage.json(source.status(), clock.instant())
                        : StatuszPage.text(source.status(), clock.instant()))
                : (json ? FlagzPage.json(source.flags()) : FlagzPage.text(source.flags()));
        send(exchange, 200, json ? JSON : TEXT, body);
    }

    private static void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        send(exchange, code, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // 0 would mean "chunked, length unknown" to HttpServer; -1 is the empty body.
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
