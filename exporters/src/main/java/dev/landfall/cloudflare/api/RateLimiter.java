package dev.landfall.cloudflare.api;

import dev.landfall.core.time.RequestBudget;
import dev.landfall.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rate limiter all of a client's requests go through, retries included.
 *
 * <ul>
 *   <li><b>The budget</b>: a {@link SlidingLog} keeps every span of the budget's window plus a
 *       margin at or under its count as the server sees it. The server counts a request somewhere
 *       between its send and its answer, so requests are logged at their answers and those in
 *       flight count as if they could land at any moment: whatever the network's delays, no
 *       window of the server's holds more than the budget (a token bucket that bursts would trip
 *       the server's fixed window; a 429 there locks the token out for minutes). The margin only
 *       covers the clocks' granularity and rate: at least 1% of the window.
 *   <li><b>Other clients of the token</b>: when a response's {@code Ratelimit} (or {@code
 *       X-RateLimit-*}) headers say fewer requests remain than this limiter thinks, it sends at
 *       most that many (less those in flight) until the server's reset.
 *   <li><b>Server quotas</b>: a {@code Ratelimit-Policy} the budget does not already imply (a
 *       burst quota, say) becomes a second sliding log.
 *   <li><b>429</b>: {@link #pause} holds every request until {@code Retry-After} has passed.
 * </ul>
 *
 * <p>Thread-safe; waiting happens outside the lock through the injected {@link Sleeper}.
 */
final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LEARNED = 4;
    private static final int HISTORY = 1024;
    /** How often a send that only an answer can allow looks again (tiny budgets, many in flight). */
    private static final long ANSWER_POLL_MILLIS = 5;

    private final RequestBudget budget;
    private final Duration minMargin;
    private final long marginMillis;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SlidingLog own;
    private final SlidingLog history;
    private final Map<String, SlidingLog> learned = new LinkedHashMap<>();
    private final Map<String, RateLimitHeaders.Policy> learnedPolicies = new LinkedHashMap<>();
    private final AtomicLong throttledMillis = new AtomicLong();
    private long pausedUntil;
    private long holdUntil;
    private long allowance;
    private int inFlight;
    private long lastEvent = Long.MIN_VALUE;

    /**
     * @param budget the budget to stay under
     * @param minMargin the least slack added to the window; at least 1% of it is added anyway
     */
    RateLimiter(RequestBudget budget, Duration minMargin, Clock clock, Sleeper sleeper) {
        this.budget = budget;
        this.minMargin = minMargin;
        this.marginMillis = margin(budget.window());
        this.clock = clock;
        this.sleeper = sleeper;
        this.own = budget.unlimited()
                ? null
                : new SlidingLog(budget.requests(), budget.window().toMillis() + marginMillis);
        // Without a budget, still remember recent answers, so a quota learned later counts them.
        this.history = own != null ? own : new SlidingLog(HISTORY, 1);
    }

    private long margin(Duration window) {
        return Math.max(minMargin.toMillis(), window.toMillis() / 100);
    }

    /**
     * Waits until a request may be sent and counts it as in flight until {@link #release}.
     *
     * @throws InterruptedException if interrupted while waiting; nothing is counted then
     */
    void acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = now();
                wait = waitMillis(now);
                if (wait <= 0) {
                    send(now);
                    return;
                }
            }
            if (wait == SlidingLog.UNTIL_AN_ANSWER) {
                wait = ANSWER_POLL_MILLIS;
            }
            throttledMillis.addAndGet(wait);
            sleeper.sleep(Duration.ofMillis(wait));
        }
    }

    /**
     * A request acquired on this exchange has its answer (or failed): it is logged now, when the
     * server has certainly counted it if it ever will. Call exactly once per {@link #acquire}.
     */
    synchronized void release() {
        long now = now();
        inFlight = Math.max(0, inFlight - 1);
        history.record(now);
        for (SlidingLog l : learned.values()) {
            l.record(now);
        }
        lastEvent = now;
    }

    /** Holds every request until {@code retryAfter} from now (a 429). */
    synchronized void pause(Duration retryAfter) {
        pausedUntil = Math.max(pausedUntil, now() + retryAfter.toMillis());
    }

    /** Reads a response's rate-limit headers; call after {@link #release} for that exchange. */
    synchronized void observe(Headers headers) {
        long now = now();
        RateLimitHeaders.remaining(headers, clock.instant()).ifPresent(server -> {
            if (server.remaining() < localRemaining(now)) {
                // Someone else spends this token too: send no more than the server has left.
                long left = Math.max(0, server.remaining() - inFlight);
                // Answers are read on several threads, so an older header (more left) may come
                // last: within a hold, what is left only shrinks.
                allowance = now < holdUntil ? Math.min(allowance, left) : left;
                holdUntil = Math.max(holdUntil, now + server.reset().toMillis() + marginMillis);
            }
        });
        for (RateLimitHeaders.Policy p : RateLimitHeaders.policies(headers)) {
            learn(p);
        }
    }

    /** Total time requests have waited for the limiter (summed over threads). */
    Duration throttled() {
        return Duration.ofMillis(throttledMillis.get());
    }

    // visible for testing
    long marginMillis() {
        return marginMillis;
    }

    private long now() {
        // Never let the log go backwards if the wall clock is set back.
        return Math.max(clock.millis(), lastEvent);
    }

    private long waitMillis(long now) {
        long wait = pausedUntil - now;
        if (now < holdUntil && allowance <= 0) {
            wait = Math.max(wait, holdUntil - now);
        }
        if (own != null) {
            wait = Math.max(wait, own.waitMillis(now, inFlight));
        }
        for (SlidingLog l : learned.values()) {
            wait = Math.max(wait, l.waitMillis(now, inFlight));
        }
        return wait;
    }

    private void send(long now) {
        if (now < holdUntil && allowance > 0) {
            allowance--;
        }
        inFlight++;
        lastEvent = now;
    }

    private long localRemaining(long now) {
        long remaining = Long.MAX_VALUE;
        if (own != null) {
            remaining = own.limit() - own.countWithin(now) - inFlight;
        }
        for (SlidingLog l : learned.values()) {
            remaining = Math.min(remaining, l.limit() - l.countWithin(now) - inFlight);
        }
        return remaining;
    }

    private void learn(RateLimitHeaders.Policy p) {
        if (p.quota() > Integer.MAX_VALUE || p.equals(learnedPolicies.get(p.name()))) {
            return;
        }
        long w = p.window().toMillis();
        if (own != null) {
            long windows =
                    (w + budget.window().toMillis() - 1) / budget.window().toMillis();
            if ((long) budget.requests() * windows <= p.quota()) {
                return;
            }
        }
        if (!learnedPolicies.containsKey(p.name()) && learnedPolicies.size() >= MAX_LEARNED) {
            return;
        }
        SlidingLog quota = new SlidingLog((int) p.quota(), w + margin(p.window()));
        quota.seedFrom(history);
        learned.put(p.name(), quota);
        learnedPolicies.put(p.name(), p);
        log.info(
                "Cloudflare announces a quota of {} requests per {} s (\"{}\") that the budget {} does not"
                        + " cover; keeping to it as well",
                p.quota(),
                p.window().toSeconds(),
                p.name(),
                budget.spec());
    }
}
