package dev.landfall.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * One side of a service under a dual run or a cutover, on loopback: the same JSON answer for the same
 * path, as the old service and a correctly migrated new one give, after a delay the test can raise.
 */
final class KeyService {
    private KeyService() {}

    /** Starts a side answering after {@code delayMs} milliseconds (asked per request). */
    static HttpServer start(IntSupplier delayMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int delay = delayMs.getAsInt();
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"key\":\"" + exchange.getRequestURI().getPath() + "\",\"valid\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        return server;
    }

    /** Where {@code server} answers. */
    static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
