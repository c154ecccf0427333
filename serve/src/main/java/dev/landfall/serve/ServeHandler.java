package dev.landfall.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.ServeMetrics;
import dev.landfall.core.status.StatusSource;
import dev.landfall.core.status.ZPages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request, in this order: a mounted route that matches it (workerd's binding: its path is
 * any key); {@code /healthz} and {@code /readyz} (no token); while draining, 503 with {@code
 * Connection: close}; the bearer token; the z-pages and {@code /metrics}; Cloudflare's KV routes
 * under {@code /client/v4}. A mounted route is refused while draining and needs the token too. Each answer is counted
 * on {@code /metrics} by route (a template, never the raw path) and status.
 */
final class ServeHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ServeHandler.class);
    private static final String API_PREFIX = "/client/v4";

    private final KvService kv;
    private final RestKvApi rest;
    private final List<ServeRoute> mounted;
    private final BearerAuth auth;
    private final StatusSource status;
    private final Metrics metrics;
    private final ServeMetrics serveMetrics;
    private final Clock clock;
    private final BooleanSupplier draining;
    private final InFlightRequests inFlight;

    ServeHandler(
            KvService kv,
            List<ServeRoute> mounted,
            BearerAuth auth,
            StatusSource status,
            Metrics metrics,
            ServeMetrics serveMetrics,
            Clock clock,
            BooleanSupplier draining,
            InFlightRequests inFlight) {
        this.kv = kv;
        this.rest = new RestKvApi(kv);
        this.mounted = List.copyOf(mounted);
        this.auth = auth;
        this.status = status;
        this.metrics = metrics;
        this.serveMetrics = serveMetrics;
        this.clock = clock;
        this.draining = draining;
        this.inFlight = inFlight;
    }

    @Override
    public void handle(HttpExchange ex) {
        long started = System.nanoTime();
        inFlight.enter();
        String route = "unmatched";
        int code = 0;
        try {
            String path = ex.getRequestURI().getRawPath();
            ServeRoute mountedRoute = mountedRoute(ex);
            if (mountedRoute != null) {
                route = mountedRoute.name();
                Optional<KvError> refusal = refusal(ex);
                if (refusal.isPresent()) {
                    code = send(ex, CfEnvelope.error(refusal.get()));
                    return;
                }
                mountedRoute.handler().handle(ex);
                code = ex.getResponseCode();
                return;
            }
            if (path.equals("/healthz")) {
                route = "healthz";
                code = send(ex, Answer.text(200, "ok\n"));
                return;
            }
            if (path.equals("/readyz")) {
                route = "readyz";
                code = send(ex, readiness());
                return;
            }
            Optional<KvError> refused = refusal(ex);
            if (refused.isPresent()) {
                route = draining.getAsBoolean() ? "draining" : "unauthorized";
                code = send(ex, CfEnvelope.error(refused.get()));
                return;
            }
            if (path.equals("/statusz") || path.equals("/flagz") || path.equals("/metrics")) {
                route = path.substring(1);
                code = send(ex, page(ex, path));
                return;
            }
            Answer answer;
            try {
                String api = path.startsWith(API_PREFIX + "/") ? path.substring(API_PREFIX.length()) : path;
                KvApiRequest request =
                        KvApiRequest.parse(api, ex.getRequestURI().getRawQuery());
                route = RestKvApi.routeName(ex.getRequestMethod(), request);
                answer = rest.answer(
                        ex.getRequestMethod(),
                        request,
                        ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestBody());
            } catch (KvError e) {
                answer = CfEnvelope.error(e);
            }
            code = send(ex, answer);
        } catch (IOException e) {
            // The client went away mid-request: nobody is listening for an answer.
            log.debug("request {} ended early: {}", route, e.toString());
        } catch (RuntimeException e) {
            log.warn("request {} failed", route, e);
            if (ex.getResponseCode() < 0) {
                code = sendQuietly(
                        ex,
                        CfEnvelope.error(new KvError(
                                500, KvError.INTERNAL, "Internal error in landfall serve (a bug; see its log)")));
            }
        } finally {
            ex.close();
            serveMetrics.request(route, code, System.nanoTime() - started);
            inFlight.exit();
        }
    }

    private ServeRoute mountedRoute(HttpExchange ex) {
        for (ServeRoute m : mounted) {
            if (m.matches().test(ex)) {
                return m;
            }
        }
        return null;
    }

    /** Why a request past /healthz and /readyz is not answered: serve is draining, or the token. */
    private Optional<KvError> refusal(HttpExchange ex) {
        if (draining.getAsBoolean()) {
            ex.getResponseHeaders().set("Connection", "close");
            return Optional.of(
                    new KvError(503, KvError.INTERNAL, "landfall serve is shutting down; retry on another instance"));
        }
        return auth.refusal(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private Answer readiness() {
        if (draining.getAsBoolean()) {
            return Answer.text(503, "not ready: draining\n");
        }
        if (!kv.health().reachedOnce() && !kv.probe()) {
            return Answer.text(503, "not ready: the store has not been reached yet\n");
        }
        return Answer.text(200, "ready\n");
    }

    private Answer page(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            return new Answer(
                    405,
                    Answer.TEXT,
                    Map.of("Allow", "GET"),
                    "method not allowed: use GET\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (path.equals("/metrics")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            metrics.writeTo(body);
            return new Answer(200, Metrics.CONTENT_TYPE, Map.of(), body.toByteArray());
        }
        List<String> accept = ex.getRequestHeaders().get("Accept");
        ZPages.Page page = path.equals("/statusz")
                ? ZPages.statusz(status, clock.instant(), accept)
                : ZPages.flagz(status, accept);
        return new Answer(200, page.contentType(), Map.of("Vary", "Accept", "Cache-Control", "no-store"), page.body());
    }

    private static int sendQuietly(HttpExchange ex, Answer a) {
        try {
            return send(ex, a);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int send(HttpExchange ex, Answer a) throws IOException {
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        a.headers().forEach(ex.getResponseHeaders()::set);
        byte[] body = a.body();
        // 0 would mean "chunked, length unknown" to HttpServer; -1 is the empty body.
        ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return a.status();
    }
}
