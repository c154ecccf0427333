package dev.landfall.serve;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.status.Metrics;
import dev.landfall.core.status.ServeMetrics;
import dev.landfall.core.status.StatusSource;
import dev.landfall.core.status.ZPages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request, in this order: a mounted route that matches it (workerd's binding: its path is
 * any key); {@code /healthz} and {@code /readyz} (no token); while draining, 503 with {@code
 * Connection: close}; the bearer token; the z-pages and {@code /metrics}; Cloudflare's KV routes
 * under {@code /client/v4}. A mounted route is refused while draining and needs the token too.
 * Each answer is counted on {@code /metrics} by route (a template, never the raw path) and status
 * once it is sent, and the request stays in flight until then.
 *
 * <p>The handler is non-blocking to Jetty, so the selector thread that read a request runs it: a
 * GET of a cached value is answered right there, with no hand-off between threads (on a sidecar's
 * two cores the hand-offs cost more than the answer), and so is a value GET that misses the cache
 * while the store reads in this process and quickly ({@link KvService#readsQuickly}, SQLite); every
 * other request is passed to the pool, since it may wait on the store or on its body.
 */
final class ServeHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ServeHandler.class);
    /** The most of an unread body skipped to keep a connection; past it the connection closes. */
    private static final long SKIP_AT_MOST = 1 << 20;

    private static final HttpField OCTET_STREAM =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    private static final String VALUE_ROUTE = RestKvApi.routeName("GET", KvApiRequest.Resource.VALUE);
    /** What {@code /healthz} and {@code /readyz} take. */
    private static final String PROBE_METHODS = "GET, HEAD";

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
    private final Executor blocking;

    ServeHandler(
            KvService kv,
            List<ServeRoute> mounted,
            BearerAuth auth,
            StatusSource status,
            Metrics metrics,
            ServeMetrics serveMetrics,
            Clock clock,
            BooleanSupplier draining,
            InFlightRequests inFlight,
            Executor blocking) {
        super(InvocationType.NON_BLOCKING);
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
        this.blocking = blocking;
    }

    /** A request's route label and how to answer it. */
    private record Picked(String route, Answering answering) {}

    @FunctionalInterface
    private interface Answering {
        Answer answer() throws IOException;
    }

    /**
     * Runs on the thread that read the request, a selector thread when the connection was idle:
     * answers a cached value there, and a value the store reads quickly in this process, and hands
     * every other request to the pool, since those may wait on the store or on a body.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        inFlight.enter();
        JettyServeRequest r = new JettyServeRequest(request);
        ValuePath value = plainValueGet(r);
        if (value != null && answeredFromCache(value, r, response, callback, started)) {
            return true;
        }
        if (value != null && kv.readsQuickly()) {
            // A miss on a store that reads in this process: the read is quicker than the hand-off.
            answer(r, response, callback, started);
            return true;
        }
        try {
            blocking.execute(() -> answer(r, response, callback, started));
        } catch (RejectedExecutionException e) {
            // The pool refuses work only while it stops: the connection goes with it.
            done("unmatched", 0, started);
            callback.failed(e);
        }
        return true;
    }

    /**
     * The hot read: a plain GET of a value ({@code path}) the cache holds, allowed through (not
     * draining, the token right), answered here without a hand-off. Anything else, refusals
     * included, is left to {@link #answer}.
     *
     * @return whether it answered
     */
    private boolean answeredFromCache(
            ValuePath path, JettyServeRequest r, Response response, Callback callback, long started) {
        if (draining.getAsBoolean() || auth.refusal(r.header("Authorization")).isPresent()) {
            return false;
        }
        Entry e = kv.cachedEntry(path.namespaceId(), Key.ofBytes(path.key()));
        if (e == null) {
            return false;
        }
        response.setStatus(200);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(OCTET_STREAM);
        if (e.expiration() != null) {
            headers.put("expiration", Long.toString(e.expiration()));
        }
        headers.put(HttpHeader.CONTENT_LENGTH, e.value().length);
        response.write(true, ByteBuffer.wrap(e.value()), new Counted(VALUE_ROUTE, 200, started, callback));
        return true;
    }

    /**
     * The value a request reads when it is a GET of a value on serve's own route with neither
     * query nor body, else null: answering it waits on nothing but the cache or the store's read of
     * that value.
     */
    private ValuePath plainValueGet(JettyServeRequest r) {
        if (!r.method().equals("GET") || r.rawQuery() != null || !r.hasNoBody() || mountedRoute(r) != null) {
            return null;
        }
        return ValuePath.of(r.rawPath());
    }

    /**
     * Answers any request, on a pool thread since it may wait on the store or read a body; or on the
     * selector thread for a plain value GET while the store's reads are quick.
     */
    private void answer(JettyServeRequest r, Response response, Callback callback, long started) {
        Picked picked = null;
        Answer answer;
        try {
            picked = pick(r);
            answer = picked.answering().answer();
        } catch (KvError e) {
            answer = CfEnvelope.error(e);
        } catch (IOException e) {
            // The client went away mid-request: nobody is listening for an answer.
            log.debug("request {} ended early: {}", route(picked), e.toString());
            done(route(picked), 0, started);
            callback.failed(e);
            return;
        } catch (RuntimeException e) {
            log.warn("request {} failed", route(picked), e);
            answer = CfEnvelope.error(
                    new KvError(500, KvErrorCodes.INTERNAL, "Internal error in landfall serve (a bug; see its log)"));
        }
        answer = keepingTheConnection(r, answer);
        send(response, answer, new Counted(route(picked), answer.status(), started, callback));
    }

    /**
     * Completes a request's callback once its answer is on the wire, counting it on {@code
     * /metrics} and ending it in flight first. Quick and never blocking, so Jetty may run it on a
     * selector thread when a write completes late.
     */
    private final class Counted implements Callback {
        private final String route;
        private final int code;
        private final long started;
        private final Callback callback;

        Counted(String route, int code, long started, Callback callback) {
            this.route = route;
            this.code = code;
            this.started = started;
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            done(route, code, started);
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            done(route, 0, started);
            callback.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    private static Answer keepingTheConnection(JettyServeRequest r, Answer answer) {
        try {
            if (r.skipRest(SKIP_AT_MOST)) {
                return answer;
            }
        } catch (IOException e) {
            log.debug("the rest of a request body could not be read: {}", e.toString());
        }
        return answer.with("Connection", "close");
    }

    private static String route(Picked picked) {
        return picked == null ? "unmatched" : picked.route();
    }

    private void done(String route, int code, long started) {
        serveMetrics.request(route, code, System.nanoTime() - started);
        inFlight.exit();
    }

    private Picked pick(ServeRequest r) {
        ServeRoute mountedRoute = mountedRoute(r);
        if (mountedRoute != null) {
            Optional<KvError> refusal = refusal();
            Optional<KvError> refused = refusal.isPresent() ? refusal : auth.refusal(r.header("Authorization"));
            return new Picked(
                    mountedRoute.name(),
                    () -> refused.isPresent()
                            ? refusalAnswer(refused.get())
                            : mountedRoute.handler().answer(r));
        }
        String path = r.rawPath();
        if (path.equals("/healthz")) {
            return new Picked("healthz", () -> probe(r) ? Answer.text(200, "ok\n") : notAllowed(PROBE_METHODS));
        }
        if (path.equals("/readyz")) {
            return new Picked("readyz", () -> probe(r) ? readiness() : notAllowed(PROBE_METHODS));
        }
        Optional<KvError> drainRefusal = refusal();
        if (drainRefusal.isPresent()) {
            return new Picked("draining", () -> refusalAnswer(drainRefusal.get()));
        }
        Optional<KvError> tokenRefusal = auth.refusal(r.header("Authorization"));
        if (tokenRefusal.isPresent()) {
            return new Picked("unauthorized", () -> CfEnvelope.error(tokenRefusal.get()));
        }
        if (path.equals("/statusz") || path.equals("/flagz") || path.equals("/metrics")) {
            return new Picked(path.substring(1), () -> page(r, path));
        }
        KvApiRequest request;
        try {
            request = KvApiRequest.parse(path, r.rawQuery());
        } catch (KvError e) {
            return new Picked("unmatched", () -> CfEnvelope.error(e));
        }
        return new Picked(
                RestKvApi.routeName(r.method(), request),
                () -> rest.answer(r.method(), request, r.header("Content-Type"), r.body()));
    }

    private ServeRoute mountedRoute(ServeRequest r) {
        for (ServeRoute m : mounted) {
            if (m.matches().test(r)) {
                return m;
            }
        }
        return null;
    }

    /** Why a request past /healthz and /readyz is refused whatever it carries: serve is draining. */
    private Optional<KvError> refusal() {
        if (draining.getAsBoolean()) {
            return Optional.of(new KvError(
                    503, KvErrorCodes.INTERNAL, "landfall serve is shutting down; retry on another instance"));
        }
        return Optional.empty();
    }

    /** A refusal; while draining it also closes the connection, so the client reconnects elsewhere. */
    private Answer refusalAnswer(KvError e) {
        Answer a = CfEnvelope.error(e);
        return draining.getAsBoolean() ? a.with("Connection", "close") : a;
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

    /**
     * Whether a request to {@code /healthz} or {@code /readyz} is a probe: GET, or HEAD (which every
     * HTTP server must take, and some uptime monitors send; Jetty leaves the body out). Any other
     * method is 405, as the z-pages answer one: a POST there is a mistake, not a probe.
     */
    private static boolean probe(ServeRequest r) {
        return r.method().equals("GET") || r.method().equals("HEAD");
    }

    /**
     * A 405 in the z-pages' convention ({@code docs/status-pages.md}: text, {@code Allow}), not
     * Cloudflare's envelope: these paths are serve's own, not Cloudflare's API.
     */
    private static Answer notAllowed(String allowed) {
        return new Answer(
                405,
                Answer.TEXT,
                Map.of("Allow", allowed),
                ("method not allowed: use " + allowed.replace(", ", " or ") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Answer page(ServeRequest r, String path) throws IOException {
        if (!r.method().equals("GET")) {
            return notAllowed("GET");
        }
        if (path.equals("/metrics")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            metrics.writeTo(body);
            return new Answer(200, Metrics.CONTENT_TYPE, Map.of(), body.toByteArray());
        }
        List<String> accept = r.headers("Accept");
        ZPages.Page page = path.equals("/statusz")
                ? ZPages.statusz(status, clock.instant(), accept)
                : ZPages.flagz(status, accept);
        return new Answer(200, page.contentType(), Map.of("Vary", "Accept", "Cache-Control", "no-store"), page.body());
    }

    /** Sends {@code a} as one write with its Content-Length; {@code done} completes when it is on the wire. */
    static void send(Response response, Answer a, Callback done) {
        response.setStatus(a.status());
        if (a.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
        }
        a.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, a.body().length);
        response.write(true, ByteBuffer.wrap(a.body()), done);
    }
}
