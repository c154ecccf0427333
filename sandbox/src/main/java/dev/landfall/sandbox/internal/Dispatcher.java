package dev.landfall.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.landfall.core.time.Sleeper;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Every request goes through here, in this order: the stats route (no auth, not counted);
 * authentication ({@link BearerAuth}: 400 code 9106 without a token, 400 code 6003 for one that
 * is not of Cloudflare's shape, 401 code 1000 for a well-formed wrong one); the
 * token's rate limit (429 code 971, then locked out for one whole window); one fault draw;
 * routing (404 code 7003, 405); the account check (a 32-hex id that is not ours: 403 code 10000,
 * anything else: 404 code 7003); the route's handler. Every answer carries the {@code Ratelimit}
 * and {@code Ratelimit-Policy} headers, and the configured latency.
 *
 * @param config the token, account id and latency served
 * @param clock the rate-limit windows' clock
 * @param sleeper waits out the latency (a recording one in tests)
 * @param router the API routes
 * @param limiter the per-token budget
 * @param faults the fault sequence
 * @param stats what has been served
 */
public record Dispatcher(
        SandboxConfig config,
        Clock clock,
        Sleeper sleeper,
        Router router,
        RateLimiter limiter,
        FaultPlan faults,
        StatsRecorder stats)
        implements HttpHandler {
    /** Where the API lives; requests without this prefix are served too. */
    public static final String PREFIX = "/client/v4";

    public static final String STATS_PATH = "/__sandbox/stats";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = rawPath.equals(PREFIX)
                    ? "/"
                    : rawPath.startsWith(PREFIX + "/") ? rawPath.substring(PREFIX.length()) : rawPath;
            String method = exchange.getRequestMethod();
            if (path.equals(STATS_PATH) && method.equals("GET")) {
                send(exchange, ApiResponse.json(200, StatsRecorder.json(stats.snapshot())));
                return;
            }
            Router.Match match = router.find(method, path);
            stats.request(
                    match.route().map(d -> d.method() + " " + d.template()).orElse("unmatched"));
            Outcome outcome = process(exchange, method, path, match);
            ApiResponse response = outcome.response();
            Duration delay = config.latency().plus(outcome.extraDelay());
            if (!delay.isZero()) {
                sleeper.sleep(delay);
            }
            stats.status(response.reset() ? 0 : response.status());
            if (response.reset()) {
                // Closing without sendResponseHeaders makes the JDK server drop the connection.
                exchange.close();
                return;
            }
            send(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } finally {
            exchange.close();
        }
    }

    private record Outcome(ApiResponse response, Duration extraDelay) {}

    private Outcome process(HttpExchange exchange, String method, String path, Router.Match match) {
        RateLimiter.Decision decision = null;
        Duration extra = Duration.ZERO;
        ApiResponse response;
        try {
            new BearerAuth(config.token()).check(exchange.getRequestHeaders().getFirst("Authorization"));
            decision = limiter.acquire(config.token(), clock.millis());
            if (!decision.allowed()) {
                stats.rateLimited();
                return new Outcome(tooMany(decision.resetSeconds(), decision), Duration.ZERO);
            }
            FaultPlan.Fault fault = faults.next();
            stats.fault(fault.kind());
            switch (fault.kind()) {
                case TOO_MANY_REQUESTS -> {
                    return new Outcome(tooMany(1, decision), Duration.ZERO);
                }
                case INTERNAL_ERROR -> throw new ApiError(500, ApiError.INTERNAL, "Internal server error");
                case BAD_GATEWAY -> throw new ApiError(502, ApiError.INTERNAL + 1, "Bad gateway");
                case UNAVAILABLE -> throw new ApiError(503, ApiError.INTERNAL + 2, "Service temporarily unavailable");
                case RESET -> {
                    return new Outcome(ApiResponse.RESET, Duration.ZERO);
                }
                case SLOW -> extra = fault.delay();
                case NONE -> {}
            }
            Router.Def route = match.route()
                    .orElseThrow(() -> match.pathKnown()
                            ? new ApiError(
                                    405, ApiError.METHOD_NOT_ALLOWED, "Method " + method + " not allowed for " + path)
                            : ApiError.noRoute(path));
            ApiRequest request = ApiRequest.of(
                    method,
                    path,
                    match.rawParams(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody());
            checkAccount(request, route, path);
            response = route.handler().handle(request);
        } catch (ApiError e) {
            response = Envelope.error(e);
        } catch (IOException e) {
            // The client went away mid-body: nobody is listening for an answer.
            response = ApiResponse.RESET;
        } catch (RuntimeException e) {
            response = Envelope.error(new ApiError(500, ApiError.INTERNAL, "Internal sandbox error (a bug): " + e));
        }
        return new Outcome(rateHeaders(response, decision), extra);
    }

    private void checkAccount(ApiRequest request, Router.Def route, String path) {
        if (!route.template().contains("{account_id}")) {
            return;
        }
        String account = request.param("account_id");
        if (account.equals(config.accountId())) {
            return;
        }
        if (Ids.isHex32(account)) {
            throw new ApiError(403, ApiError.AUTHENTICATION, "Authentication error");
        }
        throw ApiError.noRoute(path);
    }

    private ApiResponse tooMany(long retryAfterSeconds, RateLimiter.Decision decision) {
        ApiResponse r = Envelope.error(
                new ApiError(429, ApiError.RATE_LIMITED, "Please wait and consider throttling your request speed"));
        r.header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
        return rateHeaders(r, decision);
    }

    private ApiResponse rateHeaders(ApiResponse r, RateLimiter.Decision decision) {
        RateLimit limit = limiter.limit();
        if (limit.unlimited() || r.reset()) {
            return r;
        }
        RateLimiter.Decision d = decision != null ? decision : limiter.peek(null, clock.millis());
        long windowSeconds = (limit.window().toMillis() + 999) / 1000;
        r.header("Ratelimit", "\"default\";r=" + d.remaining() + ";t=" + d.resetSeconds());
        r.header("Ratelimit-Policy", "\"default\";q=" + limit.requests() + ";w=" + windowSeconds);
        return r;
    }

    private static void send(HttpExchange exchange, ApiResponse r) throws IOException {
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = r.body();
        exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
