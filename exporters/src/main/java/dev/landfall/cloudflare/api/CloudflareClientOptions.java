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
 * built with {@link #builder()}, changed with {@link #toBuilder()}. Built by the CLI from flags and validated before any
 * request (STYLE.md §4).
 *
 * @param budget the most requests in any window; {@link RequestBudget#UNLIMITED} obeys only the
 *     server's headers
 * @param concurrency the most requests in flight at once, 1..64
 * @param retryPolicy retries every exchange
 * @param clock for the rate limiter, expirations and trace timings
 * @param sleeper for waiting on the rate limiter
 * @param trace receives one line per HTTP exchange ({@code --verbose}); never the token or headers
 * @param notes receives what the operator must hear while it happens: a long wait for the budget
 *     or after a 429 ({@code waiting 183 s for the API budget (…)}), once per wait and again every
 *     30 s while it lasts; from any thread. Never the token
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
        Consumer<String> notes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration windowMargin) {

    /** The most concurrency allowed. */
    public static final int MAX_CONCURRENCY = 64;

    private static final Consumer<String> SILENT = line -> {};

    public CloudflareClientOptions {
        Objects.requireNonNull(budget, "budget");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ": " + concurrency);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(notes, "notes");
        nonNegative(connectTimeout, "connectTimeout");
        nonNegative(readTimeout, "readTimeout");
        nonNegative(callTimeout, "callTimeout");
        nonNegative(windowMargin, "windowMargin");
    }

    /**
     * Cloudflare's budget (1200/300s), 4 requests in flight, {@link RetryPolicy#builder} defaults
     * seeded with 1, the system clock and sleeper, no trace and no notes, 10 s to connect, 60 s between reads,
     * 5 minutes per attempt, and 20 ms of window margin (1% of the window is more from 2 s up).
     */
    public static CloudflareClientOptions defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .budget(budget)
                .concurrency(concurrency)
                .retryPolicy(retryPolicy)
                .clock(clock)
                .sleeper(sleeper)
                .trace(trace)
                .notes(notes)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .windowMargin(windowMargin);
    }

    /** Builds {@link CloudflareClientOptions}; each setter is named after its property. */
    public static final class Builder {
        private RequestBudget budget = RequestBudget.CLOUDFLARE_DEFAULT;
        private int concurrency = 4;
        private RetryPolicy retryPolicy = RetryPolicy.builder(1).build();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Consumer<String> trace = SILENT;
        private Consumer<String> notes = SILENT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofMinutes(5);
        private Duration windowMargin = Duration.ofMillis(20);

        private Builder() {}

        public Builder budget(RequestBudget budget) {
            this.budget = budget;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder trace(Consumer<String> trace) {
            this.trace = trace;
            return this;
        }

        public Builder notes(Consumer<String> notes) {
            this.notes = notes;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** The most one attempt may take in all; {@code ZERO} for no limit. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder windowMargin(Duration windowMargin) {
            this.windowMargin = windowMargin;
            return this;
        }

        /** @throws IllegalArgumentException for a concurrency out of range or a negative duration */
        public CloudflareClientOptions build() {
            return new CloudflareClientOptions(
                    budget,
                    concurrency,
                    retryPolicy,
                    clock,
                    sleeper,
                    trace,
                    notes,
                    connectTimeout,
                    readTimeout,
                    callTimeout,
                    windowMargin);
        }
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
