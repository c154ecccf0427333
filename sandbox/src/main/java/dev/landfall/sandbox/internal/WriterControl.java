package dev.landfall.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.landfall.sandbox.CaptureWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code /__sandbox/writer}: the built-in writer's state ({@code GET}), and {@code POST
 * /__sandbox/writer/pause} and {@code /resume}, so an operator rehearsing by hand can stop the
 * application's writes and catch up, as {@code migrate --final} does at the edge. Local only, like
 * the stats; no token.
 */
public final class WriterControl implements HttpHandler {
    /** Where it lives. */
    public static final String PATH = "/__sandbox/writer";

    private final CaptureWriter writer;

    public WriterControl(CaptureWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            int status = 200;
            if (method.equals("POST") && path.equals(PATH + "/pause")) {
                writer.pause();
            } else if (method.equals("POST") && path.equals(PATH + "/resume")) {
                writer.resume();
            } else if (!(method.equals("GET") && path.equals(PATH))) {
                status = 404;
            }
            byte[] body = (status == 404
                            ? "{\"error\":\"not found: GET " + PATH + ", POST " + PATH + "/pause or /resume\"}"
                            : "{\"perSecond\":" + writer.perSecond() + ",\"writes\":" + writer.writes() + ",\"paused\":"
                                    + writer.paused() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
