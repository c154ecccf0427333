package dev.landfall.cloudflare.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server that answers each request with what a test's function says, for the
 * failure shapes the sandbox cannot produce (a 401, foreign rate-limit headers, a 413, a body
 * echoing the token). Records every request.
 */
public final class ScriptedServer implements AutoCloseable {
    static {
        // As SandboxServer does: the JDK server reads this once per JVM, when the first server
        // starts; without it every answer waits ~40 ms for a delayed ACK, for this server and
        // for every sandbox started later in the same test JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** One request as received. */
    public record Recorded(
            String method, String path, String query, Map<String, String> headers, byte[] body, long clockMillis) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The path and query under {@code /client/v4}. */
        public String target() {
            String p = path.startsWith("/client/v4") ? path.substring("/client/v4".length()) : path;
            return query == null ? p : p + "?" + query;
        }
    }

    /** One answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply json(int status, String json) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/json");
            return new Reply(status, h, json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply ok(String resultJson) {
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
        }

        public static Reply error(int status, int code, String message) {
            return json(
                    status,
                    "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                            + "\"}],\"messages\":[],\"result\":null}");
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body);
        }
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final List<Recorded> requests = new ArrayList<>();

    private ScriptedServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Serves {@code script} on a free port; {@code clock} stamps the recorded requests. */
    public static ScriptedServer start(Clock clock, Function<Recorded, Reply> script) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "scripted-server");
                t.setDaemon(true);
                return t;
            });
            ScriptedServer server = new ScriptedServer(http, executor);
            http.setExecutor(executor);
            http.createContext("/", exchange -> server.handle(exchange, clock, script));
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Clock clock, Function<Recorded, Reply> script) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            Recorded r = new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    exchange.getRequestBody().readAllBytes(),
                    clock.millis());
            synchronized (requests) {
                requests.add(r);
            }
            Reply reply = script.apply(r);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT/client/v4}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/client/v4";
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
