package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.landfall.core.config.Secret;
import dev.landfall.core.retry.RetryPolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs HTTP exchanges for {@link CloudflareClient}: each through the {@link RetryPolicy}, each
 * attempt through the concurrency gate and the shared {@link RateLimiter}, counted, traced and
 * cancellable. The only class that touches the token.
 */
final class Transport {
    /** Reads a 2xx body; {@code body} counts the bytes it delivers. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(Response response, InputStream body) throws IOException;
    }

    /** Turns some failures into a value (a missing key, a batch too large); empty: map the error. */
    @FunctionalInterface
    interface Recovery<T> {
        Optional<T> recover(int status, List<ApiMessage> errors, String snippet);
    }

    private static final int SNIPPET_BYTES = 8 * 1024;
    /** RFC 9110 §9.2.2: a client may send these again after the connection closed under them. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private static final String USER_AGENT = "landfall (+https://github.com/landfall)";

    private final Secret token;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Consumer<String> trace;
    private final OkHttpClient http;
    private final RateLimiter limiter;
    private final Semaphore permits;
    private final EnvelopeReader envelopes = new EnvelopeReader();
    private final Map<Thread, Call> inFlight = new ConcurrentHashMap<>();
    private final Map<Call, ConnectionUse> connections = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder transportErrors = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private volatile boolean closed;

    Transport(CloudflareEndpoint endpoint, CloudflareClientOptions options) {
        this.token = endpoint.token();
        this.retry = options.retryPolicy();
        this.clock = options.clock();
        this.trace = options.trace();
        this.limiter = new RateLimiter(
                options.budget(), options.windowMargin(), options.clock(), options.sleeper(), options.notes());
        this.permits = new Semaphore(options.concurrency(), true);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                // Every attempt must pass the limiter and be counted: no silent retries or redirects.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(options.concurrency() + 2, 5, TimeUnit.MINUTES))
                .eventListenerFactory(call -> {
                    ConnectionUse use = new ConnectionUse();
                    connections.put(call, use);
                    return use;
                })
                .build();
    }

    EnvelopeReader envelopes() {
        return envelopes;
    }

    Secret token() {
        return token;
    }

    /**
     * Runs one exchange, retried by the policy.
     *
     * @throws dev.landfall.core.error.LandfallException mapped by {@link CloudflareErrors}
     * @throws IOException only when cancelled or interrupted (not retried)
     */
    <T> T exchange(ApiOperation op, Request request, BodyReader<T> reader, Recovery<T> recovery) throws IOException {
        Request authorized = request.newBuilder()
                .header("Authorization", "Bearer " + token.reveal())
                .header("User-Agent", USER_AGENT)
                .build();
        return retry.call(op.description(), attempt -> attempt(op, authorized, attempt, reader, recovery));
    }

    private <T> T attempt(ApiOperation op, Request request, int attempt, BodyReader<T> reader, Recovery<T> recovery)
            throws IOException {
        checkOpen(op);
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            throw interrupted(op);
        }
        try {
            try {
                return admitted(op, request, attempt, reader, recovery);
            } catch (StaleConnection stale) {
                // The request met a pooled connection the server had closed while it sat idle, so it
                // most likely never arrived: send it again at once, on a new connection, not after a
                // backoff as if the service had failed. Every idle connection is as old: drop them.
                http.connectionPool().evictAll();
                return admitted(op, request, attempt, reader, recovery);
            }
        } finally {
            permits.release();
        }
    }

    /** One send through the rate limiter, counted. */
    private <T> T admitted(ApiOperation op, Request request, int attempt, BodyReader<T> reader, Recovery<T> recovery)
            throws IOException {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            throw interrupted(op);
        }
        requests.increment();
        if (attempt > 1) {
            retries.increment();
        }
        return send(op, request, attempt, reader, recovery);
    }

    private <T> T send(ApiOperation op, Request request, int attempt, BodyReader<T> reader, Recovery<T> recovery)
            throws IOException {
        long start = clock.millis();
        Call call = http.newCall(request);
        Thread self = Thread.currentThread();
        inFlight.put(self, call);
        boolean released = false;
        try (Response r = call.execute()) {
            limiter.release();
            released = true;
            limiter.observe(r.headers());
            int status = r.code();
            if (status == 429) {
                rateLimited.increment();
                limiter.pause(RateLimitHeaders.retryAfter(r.headers(), clock.instant())
                        .orElse(java.time.Duration.ofSeconds(1)));
            } else if (status >= 500) {
                serverErrors.increment();
            }
            if (status >= 200 && status < 300) {
                T result;
                try {
                    result = reader.read(r, new Counting(body(r).byteStream(), bytesReceived));
                } catch (JsonProcessingException e) {
                    trace(request, status + " unreadable", start, attempt);
                    throw CloudflareErrors.malformed(op, e, Optional.ofNullable(r.header("Content-Type")), token);
                }
                trace(request, String.valueOf(status), start, attempt);
                return result;
            }
            String snippet = token.scrub(snippet(r));
            trace(request, String.valueOf(status), start, attempt);
            List<ApiMessage> errors = envelopes.errorsOf(snippet);
            Optional<T> recovered = recovery.recover(status, errors, snippet);
            if (recovered.isPresent()) {
                return recovered.get();
            }
            throw CloudflareErrors.from(
                    op, status, errors, snippet, RateLimitHeaders.retryAfter(r.headers(), clock.instant()), token);
        } catch (IOException e) {
            if (!released) {
                released = true;
                limiter.release();
            }
            boolean cancelled = closed || call.isCanceled() || self.isInterrupted();
            ConnectionUse use = connections.get(call);
            if (!cancelled && use != null && use.reusedWithoutAnswer() && IDEMPOTENT.contains(request.method())) {
                trace(request, "failed on a pooled connection the server had closed; sending again", start, attempt);
                throw new StaleConnection(e);
            }
            transportErrors.increment();
            trace(request, "failed (" + e.getClass().getSimpleName() + ")", start, attempt);
            if (cancelled) {
                throw cancelled(op, e);
            }
            if (e instanceof ConnectException refused) {
                throw ConnectionRefused.at(
                        request.url(),
                        op.description(),
                        "CLOUDFLARE_API_BASE_URL (when unset it is " + CloudflareEndpoint.DEFAULT_BASE_URL + ")",
                        refused);
            }
            throw e;
        } finally {
            if (!released) {
                // Anything else thrown before the answer: the limiter must not count it in flight forever.
                limiter.release();
            }
            inFlight.remove(self, call);
            connections.remove(call);
        }
    }

    private String snippet(Response r) throws IOException {
        ResponseBody peek = r.peekBody(SNIPPET_BYTES);
        byte[] bytes = peek.bytes();
        bytesReceived.add(bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ResponseBody body(Response r) throws IOException {
        ResponseBody b = r.body();
        if (b == null) {
            throw new IOException("HTTP " + r.code() + " without a body");
        }
        return b;
    }

    private void trace(Request request, String outcome, long startMillis, int attempt) {
        HttpUrl url = request.url();
        String query = url.encodedQuery();
        String line = request.method() + " " + url.encodedPath() + (query == null ? "" : "?" + query) + " " + outcome
                + " " + Math.max(0, clock.millis() - startMillis) + "ms attempt=" + attempt;
        trace.accept(token.scrub(line));
    }

    ClientStats stats() {
        return new ClientStats(
                requests.sum(),
                rateLimited.sum(),
                retries.sum(),
                serverErrors.sum(),
                transportErrors.sum(),
                bytesReceived.sum(),
                limiter.throttled());
    }

    /** Cancels the requests in flight on these threads; they end with a non-retried IOException. */
    void cancelRequestsOn(Collection<Thread> threads) {
        for (Thread t : threads) {
            Call c = inFlight.get(t);
            if (c != null) {
                c.cancel();
            }
        }
    }

    /** Cancels everything in flight and refuses new exchanges; idempotent. */
    void close() {
        closed = true;
        inFlight.values().forEach(Call::cancel);
        http.connectionPool().evictAll();
    }

    private void checkOpen(ApiOperation op) throws IOException {
        if (closed) {
            throw cancelled(op, null);
        }
    }

    private static IOException interrupted(ApiOperation op) {
        Thread.currentThread().interrupt();
        return cancelled(op, null);
    }

    /** An IOException the retry policy will not retry: it has a CancellationException as its cause. */
    private static IOException cancelled(ApiOperation op, IOException cause) {
        CancellationException c = new CancellationException("cancelled: " + op.description());
        if (cause != null) {
            c.initCause(cause);
        }
        InterruptedIOException e = new InterruptedIOException(op.description() + ": cancelled");
        e.initCause(c);
        return e;
    }

    /** A request that failed on a pooled connection the server had closed, before any answer. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super("the server had closed the pooled connection", cause);
        }
    }

    /** Counts the bytes a body delivers. */
    private static final class Counting extends FilterInputStream {
        private final LongAdder counter;

        Counting(InputStream in, LongAdder counter) {
            super(Objects.requireNonNull(in, "in"));
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                counter.increment();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counter.add(n);
            }
            return n;
        }
    }
}
