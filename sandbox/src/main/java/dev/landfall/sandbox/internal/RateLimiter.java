package dev.landfall.sandbox.internal;

import dev.landfall.sandbox.RateLimit;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed window per token: the first request opens a window of {@link RateLimit#window()}; the
 * {@code requests + 1}-th request in it is refused, and so is every request until the window
 * ends (Cloudflare blocks all calls after a 429). Time comes from the caller, so tests drive it
 * with a fixed clock. Thread-safe.
 */
public final class RateLimiter {
    /**
     * What a request may do and the numbers for the headers.
     *
     * @param allowed whether the request may proceed
     * @param remaining requests left in the window
     * @param resetSeconds whole seconds until the window ends, rounded up
     */
    public record Decision(boolean allowed, int remaining, long resetSeconds) {}

    private static final class Window {
        long start;
        int used;
    }

    private final RateLimit limit;
    private final long windowMillis;
    private final Map<String, Window> windows = new HashMap<>();

    public RateLimiter(RateLimit limit) {
        this.limit = limit;
        this.windowMillis = limit.window().toMillis();
    }

    public RateLimit limit() {
        return limit;
    }

    /** Spends one request of {@code token}'s budget, or refuses it. */
    public synchronized Decision acquire(String token, long nowMillis) {
        if (limit.unlimited()) {
            return new Decision(true, Integer.MAX_VALUE, 0);
        }
        Window w = current(token, nowMillis);
        if (w.used >= limit.requests()) {
            w.used = limit.requests() + 1;
            return new Decision(false, 0, resetSeconds(w, nowMillis));
        }
        w.used++;
        return new Decision(true, limit.requests() - w.used, resetSeconds(w, nowMillis));
    }

    /** The header numbers for a token without spending anything; a full budget if it has no window. */
    public synchronized Decision peek(String token, long nowMillis) {
        if (limit.unlimited()) {
            return new Decision(true, Integer.MAX_VALUE, 0);
        }
        Window w = token == null ? null : windows.get(token);
        if (w == null || nowMillis >= w.start + windowMillis) {
            return new Decision(true, limit.requests(), ceilSeconds(windowMillis));
        }
        return new Decision(
                w.used <= limit.requests(), Math.max(0, limit.requests() - w.used), resetSeconds(w, nowMillis));
    }

    private Window current(String token, long nowMillis) {
        Window w = windows.computeIfAbsent(token, t -> new Window());
        if (w.used == 0 || nowMillis >= w.start + windowMillis || nowMillis < w.start) {
            w.start = nowMillis;
            w.used = 0;
        }
        return w;
    }

    private long resetSeconds(Window w, long nowMillis) {
        return Math.max(1, ceilSeconds(w.start + windowMillis - nowMillis));
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
