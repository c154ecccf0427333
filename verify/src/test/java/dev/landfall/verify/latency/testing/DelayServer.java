package dev.landfall.verify.latency.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A local HTTP server on 127.0.0.1 with known, injected delays, for measuring the measurer: a
 * fixed service time, every Nth request slower (a deterministic tail), and one stall that holds
 * every request for a while. Bodies come from a function of the request (path and count), so
 * tests can make answers differ or carry noise.
 */
public final class DelayServer implements AutoCloseable {
    /** What the server does. */
    public record Behaviour(
            long delayMicros,
            int tailEvery,
            long tailMicros,
            long stallAtRequest,
            long stallMillis,
            int status,
            Function<Request, String> body) {
        /** Answers {@code {"path":…}} after a fixed delay. */
        public static Behaviour fixed(long delayMicros) {
            return new Behaviour(delayMicros, 0, 0, -1, 0, 200, r -> "{\"path\":\"" + r.path() + "\"}");
        }

        /**
         * Requests for a path ending in a number divisible by {@code every} ({@code /item/200})
         * take {@code micros} instead: a tail that tests can find again by path, whatever order
         * requests arrive in.
         */
        public Behaviour tail(int every, long micros) {
            return new Behaviour(delayMicros, every, micros, stallAtRequest, stallMillis, status, body);
        }

        /** When request number {@code at} arrives, everything stops for {@code millis}. */
        public Behaviour stall(long at, long millis) {
            return new Behaviour(delayMicros, tailEvery, tailMicros, at, millis, status, body);
        }

        public Behaviour body(Function<Request, String> body) {
            return new Behaviour(delayMicros, tailEvery, tailMicros, stallAtRequest, stallMillis, status, body);
        }

        public Behaviour status(int status) {
            return new Behaviour(delayMicros, tailEvery, tailMicros, stallAtRequest, stallMillis, status, body);
        }
    }

    /** A request as the body function sees it: its path with query, its body, and its number from 1. */
    public record Request(String path, String body, long number) {}

    static {
        // Without it the JDK server's separate header and body writes meet Nagle's algorithm and
        // delayed ACKs: ~40 ms per exchange. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Behaviour behaviour;
    private final AtomicLong count = new AtomicLong();
    private final Map<String, Long> serviceNanos = new ConcurrentHashMap<>();
    private volatile long stallUntilNanos;

    private DelayServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        this.pool = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "delay-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static DelayServer start(Behaviour behaviour) throws IOException {
        return new DelayServer(behaviour);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests served so far. */
    public long served() {
        return count.get();
    }

    /**
     * How long the server really spent on the last request for a path, from the handler's start
     * to its answer written: the injected delay as it came out (a loaded machine oversleeps).
     */
    public OptionalLong serviceNanos(String path) {
        Long n = serviceNanos.get(path);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    private void handle(HttpExchange x) throws IOException {
        long began = System.nanoTime();
        try (x) {
            byte[] in;
            try (InputStream is = x.getRequestBody()) {
                in = is.readAllBytes();
            }
            long n = count.incrementAndGet();
            if (n == behaviour.stallAtRequest()) {
                stallUntilNanos = System.nanoTime() + behaviour.stallMillis() * 1_000_000L;
            }
            waitOutStall();
            String path = x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + x.getRequestURI().getRawQuery());
            long number = trailingNumber(x.getRequestURI().getRawPath());
            long delay = behaviour.tailEvery() > 0 && number >= 0 && number % behaviour.tailEvery() == 0
                    ? behaviour.tailMicros()
                    : behaviour.delayMicros();
            sleepMicros(delay);
            byte[] out = behaviour
                    .body()
                    .apply(new Request(path, new String(in, StandardCharsets.UTF_8), n))
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(behaviour.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = x.getResponseBody()) {
                os.write(out);
            }
            serviceNanos.put(path, System.nanoTime() - began);
        }
    }

    private static long trailingNumber(String path) {
        int i = path.length();
        while (i > 0 && Character.isDigit(path.charAt(i - 1))) {
            i--;
        }
        return i == path.length() || path.length() - i > 18 ? -1 : Long.parseLong(path.substring(i));
    }

    private void waitOutStall() {
        long left;
        while ((left = stallUntilNanos - System.nanoTime()) > 0) {
            sleepMicros(Math.min(left / 1000, 10_000));
        }
    }

    private static void sleepMicros(long micros) {
        if (micros <= 0) {
            return;
        }
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
