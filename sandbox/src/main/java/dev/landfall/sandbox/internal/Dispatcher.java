package dev.landfall.sandbox.internal;

import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.time.Sleeper;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every API request goes through here, in this order: the stats route (no auth, not counted);
 * authentication ({@link BearerAuth}: 400 code 9106 without a token, 400 code 6003 for one that
 * is not of Cloudflare's shape, 401 code 1000 for a well-formed wrong one); the
 * token's rate limit (429 code 971, then locked out for one whole window); one fault draw;
 * routing (404 code 7003, 405); the account check (a 32-hex id that is not ours: 403 code 10000,
 * anything else: 404 code 7003); the route's handler. Every answer carries the {@code Ratelimit}
 * and {@code Ratelimit-Policy} headers, and the configured latency. It takes every path; put
 * handlers of other paths before it.
 */
public final class Dispatcher extends Handler.Abstract {
    /** Where the API lives; requests without this prefix are served too. */
    public static final String PREFIX = "/client/v4";

    public static final String STATS_PATH = "/__sandbox/stats";

    private final SandboxConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Router router;
    private final RateLimiter limiter;
    private final FaultPlan faults;
    private final StatsRecorder stats;

    /**
     * @param config the token, account id and latency served
     * @param clock the rate-limit windows' clock
     * @param sleeper waits out the latency (a recording one in tests)
     * @param router the API routes
     * @param limiter the per-token budget
     * @param faults the fault sequence
     * @param stats what has been served
     */
    public Dispatcher(
            SandboxConfig config,
            Clock clock,
            Sleeper sleeper,
            Router router,
            RateLimiter limiter,
            FaultPlan faults,
            StatsRecorder stats) {
        super(InvocationType.BLOCKING);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.router = Objects.requireNonNull(router, "router");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String rawPath = request.getHttpURI().getPath();
        String path = rawPath.equals(PREFIX)
                ? "/"
                : rawPath.startsWith(PREFIX + "/") ? rawPath.substring(PREFIX.length()) : rawPath;
        String method = request.getMethod();
        if (path.equals(STATS_PATH) && method.equals("GET")) {
            ApiResponse.json(200, StatsRecorder.json(stats.snapshot())).send(response, callback);
            return true;
        }
        InputStream body = Request.asInputStream(request);
        try {
            Router.Match match = router.find(method, path);
            stats.request(
                    match.route().map(d -> d.method() + " " + d.template()).orElse("unmatched"));
            Outcome outcome = process(request, body, method, path, match);
            ApiResponse answer = outcome.response();
            Duration delay = config.latency().plus(outcome.extraDelay());
            if (!delay.isZero()) {
                sleeper.sleep(delay);
            }
            stats.status(answer.reset() ? 0 : answer.status());
            if (answer.reset() || !drained(body)) {
                drop(request, callback);
                return true;
            }
            answer.send(response, callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(request, callback);
        }
        return true;
    }

    /**
     * Reads what the route left of the body, as the JDK server the sandbox started on did, so a
     * client still sending sees the answer rather than a reset.
     *
     * @return false when the client went away mid-body
     */
    private static boolean drained(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the connection with no answer: what a reset fault, or a client gone, gets. */
    private static void drop(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new EofException("connection dropped without an answer"));
    }

    private record Outcome(ApiResponse response, Duration extraDelay) {}

    private Outcome process(Request http, InputStream body, String method, String path, Router.Match match) {
        RateLimiter.Decision decision = null;
        Duration extra = Duration.ZERO;
        ApiResponse response;
        try {
            new BearerAuth(config.token()).check(http.getHeaders().get("Authorization"));
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
                case INTERNAL_ERROR -> throw new ApiError(500, KvErrorCodes.INTERNAL, "Internal server error");
                case BAD_GATEWAY -> throw new ApiError(502, KvErrorCodes.INTERNAL + 1, "Bad gateway");
                case UNAVAILABLE ->
                    throw new ApiError(503, KvErrorCodes.INTERNAL + 2, "Service temporarily unavailable");
                case RESET -> {
                    return new Outcome(ApiResponse.RESET, Duration.ZERO);
                }
                case SLOW -> extra = fault.delay();
                case NONE -> {}
            }
            Router.Def route = match.route()
                    .orElseThrow(() -> match.pathKnown()
                            ? new ApiError(
                                    405,
                                    KvErrorCodes.METHOD_NOT_ALLOWED,
                                    "Method " + method + " not allowed for " + path)
                            : ApiError.noRoute(path));
            ApiRequest request = ApiRequest.of(
                    method, path, match.rawParams(), http.getHttpURI().getQuery(), http.getHeaders(), body);
            checkAccount(request, route, path);
            response = route.handler().handle(request);
        } catch (ApiError e) {
            response = Envelope.error(e);
        } catch (IOException e) {
            // The client went away mid-body: nobody is listening for an answer.
            response = ApiResponse.RESET;
        } catch (RuntimeException e) {
            response = Envelope.error(new ApiError(500, KvErrorCodes.INTERNAL, "Internal sandbox error (a bug): " + e));
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
            throw new ApiError(403, KvErrorCodes.AUTHENTICATION, "Authentication error");
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
}
