package dev.landfall.cloudflare.api;

import dev.landfall.core.time.DurationText;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * <p>A hold longer than {@link #ANNOUNCE_OVER} is announced through the notes, once per hold
 * whatever the number of waiting threads, with the time left and why; a hold that lasts is
 * announced again every {@link #ANNOUNCE_EVERY}, so an operator never watches a silent process.
 *
 * <p>Thread-safe; waiting happens outside the lock through the injected {@link Sleeper}, and notes
 * are written outside it too.
 */
final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LEARNED = 4;
    private static final int HISTORY = 1024;
    /** How often a send that only an answer can allow looks again (tiny budgets, many in flight). */
    private static final long ANSWER_POLL_MILLIS = 5;
    /** Holds up to this long pass unannounced: a budget at work, not a stall. */
    static final Duration ANNOUNCE_OVER = Duration.ofSeconds(2);
    /** How often a hold that lasts is announced again; also the longest single sleep. */
    static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(30);

    private static final String PAUSE_REASON = "Cloudflare answered 429 Too Many Requests: the token's limit is"
            + " spent; lower --api-budget if other clients use the token";

    private final RequestBudget budget;
    private final Duration minMargin;
    private final long marginMillis;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SlidingLog own;
    private final SlidingLog history;
    private final Consumer<String> notes;
    private final Map<String, SlidingLog> learned = new LinkedHashMap<>();
    private final Map<String, RateLimitHeaders.Policy> learnedPolicies = new LinkedHashMap<>();
    private final AtomicLong throttledMillis = new AtomicLong();
    private long pausedUntil;
    private long holdUntil;
    private long allowance;
    private int inFlight;
    private long lastEvent = Long.MIN_VALUE;
    private long announcedUntil = Long.MIN_VALUE;
    private long announcedAt = Long.MIN_VALUE;

    /** A limiter that announces nothing. */
    RateLimiter(RequestBudget budget, Duration minMargin, Clock clock, Sleeper sleeper) {
        this(budget, minMargin, clock, sleeper, note -> {});
    }

    /**
     * @param budget the budget to stay under
     * @param minMargin the least slack added to the window; at least 1% of it is added anyway
     * @param notes hears each long hold ({@code waiting 183 s for the API budget (…)}), from
     *     whichever thread meets it first
     */
    RateLimiter(RequestBudget budget, Duration minMargin, Clock clock, Sleeper sleeper, Consumer<String> notes) {
        this.notes = Objects.requireNonNull(notes, "notes");
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
            String note = null;
            synchronized (this) {
                long now = now();
                wait = waitMillis(now);
                if (wait <= 0) {
                    send(now);
                    return;
                }
                if (wait != SlidingLog.UNTIL_AN_ANSWER) {
                    note = announcement(now, wait, reason(now));
                }
            }
            if (note != null) {
                notes.accept(note);
            }
            // Sleep in slices, so a long hold is looked at (and announced) again as it goes on.
            wait = wait == SlidingLog.UNTIL_AN_ANSWER ? ANSWER_POLL_MILLIS : Math.min(wait, ANNOUNCE_EVERY.toMillis());
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

    /** Holds every request until {@code retryAfter} from now (a 429), and says so when that is long. */
    void pause(Duration retryAfter) {
        String note;
        synchronized (this) {
            long now = now();
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toMillis());
            note = announcement(now, pausedUntil - now, PAUSE_REASON);
        }
        if (note != null) {
            notes.accept(note);
        }
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

    /**
     * The note for a hold of {@code wait} ms from {@code now}, or null when it needs none: it is
     * short, or a hold already announced covers it and was announced less than {@link
     * #ANNOUNCE_EVERY} ago. Other threads meeting the same hold stay quiet.
     */
    private String announcement(long now, long wait, String why) {
        if (wait <= ANNOUNCE_OVER.toMillis()) {
            return null;
        }
        long until = now + wait;
        boolean announced = now < announcedUntil;
        boolean longerThanSaid = until > announcedUntil + ANNOUNCE_OVER.toMillis();
        boolean due = now - announcedAt >= ANNOUNCE_EVERY.toMillis();
        if (announced && !longerThanSaid && !due) {
            return null;
        }
        String again = announced && !longerThanSaid ? "still waiting " : "waiting ";
        announcedUntil = Math.max(announcedUntil, until);
        announcedAt = now;
        return again + seconds(wait) + " s for the API budget (" + why + ")";
    }

    /** Why requests are held at {@code now}: whichever limit holds them longest. */
    private String reason(long now) {
        long paused = pausedUntil - now;
        long held = now < holdUntil && allowance <= 0 ? holdUntil - now : Long.MIN_VALUE;
        long ownWait = own == null ? Long.MIN_VALUE : own.waitMillis(now, inFlight);
        String quota = null;
        long quotaWait = Long.MIN_VALUE;
        for (Map.Entry<String, SlidingLog> e : learned.entrySet()) {
            long w = e.getValue().waitMillis(now, inFlight);
            if (w > quotaWait) {
                quotaWait = w;
                quota = e.getKey();
            }
        }
        long longest = Math.max(Math.max(paused, held), Math.max(ownWait, quotaWait));
        if (longest == paused) {
            return PAUSE_REASON;
        }
        if (longest == ownWait) {
            return String.format(
                    Locale.ROOT,
                    "%s: %,d requests in the last %s; lower --api-budget to leave room for other users of the token",
                    budget.spec(),
                    own.countWithin(now) + inFlight,
                    DurationText.format(budget.window()));
        }
        if (longest == held) {
            return "Cloudflare's rate-limit headers say the token has no requests left until its window resets:"
                    + " something else spends this token too; lower --api-budget to leave it room";
        }
        RateLimitHeaders.Policy p = learnedPolicies.get(quota);
        return String.format(
                Locale.ROOT,
                "Cloudflare's quota \"%s\" of %,d requests per %d s, which --api-budget %s does not cover",
                quota,
                p.quota(),
                p.window().toSeconds(),
                budget.spec());
    }

    /** Whole seconds, rounded up: "waiting 1 s" never hides a wait of 1.2 s. */
    private static long seconds(long millis) {
        return (millis + 999) / 1000;
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
