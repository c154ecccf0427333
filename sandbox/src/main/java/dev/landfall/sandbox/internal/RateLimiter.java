package dev.landfall.sandbox.internal;

import dev.landfall.sandbox.RateLimit;
import java.util.HashMap;
import java.util.Map;

/**
 * Cloudflare's documented limit, per token: never more than {@link RateLimit#requests()} admitted
 * in any span of {@link RateLimit#window()} (a sliding log of admission times, so no burst of twice
 * the quota across a boundary), and once a request is refused every request is refused for one
 * whole window from that refusal ("all calls are blocked for the next 5 minutes",
 * cloudflare-api.md §6). Requests refused during the lockout do not extend it, so {@code
 * Retry-After} stays true. Time comes from the caller, so tests drive it with a fixed clock.
 * Thread-safe.
 */
public final class RateLimiter {
    /**
     * What a request may do and the numbers for the headers.
     *
     * @param allowed whether the request may proceed
     * @param remaining requests that may still be admitted now
     * @param resetSeconds whole seconds, rounded up, until the lockout ends (refused) or until the
     *     oldest counted request leaves the window (allowed)
     */
    public record Decision(boolean allowed, int remaining, long resetSeconds) {}

    /** One token's admissions, oldest first in a ring, and its lockout. */
    private static final class Log {
        final long[] admitted;
        int head;
        int size;
        long lockedUntil = Long.MIN_VALUE;

        Log(int quota) {
            admitted = new long[quota];
        }

        void forgetBefore(long cutoff) {
            while (size > 0 && admitted[head] <= cutoff) {
                head = (head + 1) % admitted.length;
                size--;
            }
        }

        void add(long now) {
            admitted[(head + size) % admitted.length] = now;
            size++;
        }

        long oldest() {
            return admitted[head];
        }
    }

    private final RateLimit limit;
    private final long windowMillis;
    private final Map<String, Log> logs = new HashMap<>();

    public RateLimiter(RateLimit limit) {
        this.limit = limit;
        this.windowMillis = limit.window().toMillis();
    }

    public RateLimit limit() {
        return limit;
    }

    /** Spends one request of {@code token}'s budget, or refuses it (and starts the lockout). */
    public synchronized Decision acquire(String token, long nowMillis) {
        if (limit.unlimited()) {
            return new Decision(true, Integer.MAX_VALUE, 0);
        }
        Log log = logs.computeIfAbsent(token, t -> new Log(limit.requests()));
        if (nowMillis < log.lockedUntil) {
            return new Decision(false, 0, ceilSeconds(log.lockedUntil - nowMillis));
        }
        log.forgetBefore(nowMillis - windowMillis);
        if (log.size >= limit.requests()) {
            log.lockedUntil = nowMillis + windowMillis;
            return new Decision(false, 0, ceilSeconds(windowMillis));
        }
        log.add(nowMillis);
        return new Decision(true, limit.requests() - log.size, untilOldestLeaves(log, nowMillis));
    }

    /** The header numbers for a token without spending anything; a full budget if it has none. */
    public synchronized Decision peek(String token, long nowMillis) {
        if (limit.unlimited()) {
            return new Decision(true, Integer.MAX_VALUE, 0);
        }
        Log log = token == null ? null : logs.get(token);
        if (log == null) {
            return new Decision(true, limit.requests(), ceilSeconds(windowMillis));
        }
        if (nowMillis < log.lockedUntil) {
            return new Decision(false, 0, ceilSeconds(log.lockedUntil - nowMillis));
        }
        log.forgetBefore(nowMillis - windowMillis);
        if (log.size == 0) {
            return new Decision(true, limit.requests(), ceilSeconds(windowMillis));
        }
        return new Decision(true, limit.requests() - log.size, untilOldestLeaves(log, nowMillis));
    }

    private long untilOldestLeaves(Log log, long nowMillis) {
        return Math.max(1, ceilSeconds(log.oldest() + windowMillis - nowMillis));
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
