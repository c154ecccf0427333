package dev.landfall.cloudflare.api;

import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the client behaves: its request budget, concurrency, retries, time and tracing. Immutable;
 * the {@code with…} methods return copies. Built by the CLI from flags and validated before any
 * request (STYLE.md §4).
 *
 * @param budget the most requests in any window; {@link RequestBudget#UNLIMITED} obeys only the
 *     server's headers
 * @param concurrency the most requests in flight at once, 1..64
 * @param retryPolicy retries every exchange
 * @param clock for the rate limiter, expirations and trace timings
 * @param sleeper for waiting on the rate limiter
 * @param trace receives one line per HTTP exchange ({@code --verbose}); never the token or headers
 * @param connectTimeout connect timeout per attempt
 * @param readTimeout timeout between two reads of one response
 * @param callTimeout the most one attempt may take in all, {@code ZERO} for none
 * @param windowMargin the least slack added to the budget's window, for the granularity and rate of
 *     this client's clock and the server's; the limiter adds at least 1% of the window. Network
 *     delays need no margin: the limiter logs each request at its answer, by when the server has
 *     counted it
 */
public record CloudflareClientOptions(
        RequestBudget budget,
        int concurrency,
        RetryPolicy retryPolicy,
        Clock clock,
        Sleeper sleeper,
        Consumer<String> trace,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration windowMargin) {

    /** The most concurrency allowed. */
    public static final int MAX_CONCURRENCY = 64;

    private static final Consumer<String> NO_TRACE = line -> {};

    public CloudflareClientOptions {
        Objects.requireNonNull(budget, "budget");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ": " + concurrency);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(trace, "trace");
        nonNegative(connectTimeout, "connectTimeout");
        nonNegative(readTimeout, "readTimeout");
        nonNegative(callTimeout, "callTimeout");
        nonNegative(windowMargin, "windowMargin");
    }

    /**
     * Cloudflare's budget (1200/300s), 4 requests in flight, {@link RetryPolicy#builder} defaults
     * seeded with 1, the system clock and sleeper, no trace, 10 s to connect, 60 s between reads,
     * 5 minutes per attempt, and 20 ms of window margin (1% of the window is more from 2 s up).
     */
    public static CloudflareClientOptions defaults() {
        return new CloudflareClientOptions(
                RequestBudget.CLOUDFLARE_DEFAULT,
                4,
                RetryPolicy.builder(1).build(),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                NO_TRACE,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Duration.ofMillis(20));
    }

    public CloudflareClientOptions withBudget(RequestBudget budget) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    public CloudflareClientOptions withConcurrency(int concurrency) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    public CloudflareClientOptions withRetryPolicy(RetryPolicy retryPolicy) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    /** A copy on another clock and sleeper (tests pass a fake pair). */
    public CloudflareClientOptions withTime(Clock clock, Sleeper sleeper) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    public CloudflareClientOptions withTrace(Consumer<String> trace) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    /** A copy with other timeouts: connect, between reads, and per attempt ({@code ZERO}: none). */
    public CloudflareClientOptions withTimeouts(Duration connect, Duration read, Duration call) {
        return new CloudflareClientOptions(
                budget, concurrency, retryPolicy, clock, sleeper, trace, connect, read, call, windowMargin);
    }

    public CloudflareClientOptions withWindowMargin(Duration windowMargin) {
        return new CloudflareClientOptions(
                budget,
                concurrency,
                retryPolicy,
                clock,
                sleeper,
                trace,
                connectTimeout,
                readTimeout,
                callTimeout,
                windowMargin);
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
