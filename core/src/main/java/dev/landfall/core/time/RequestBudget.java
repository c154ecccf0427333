package dev.landfall.core.time;

import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A request budget: at most {@code requests} in any window of length {@code window}, such as
 * Cloudflare's 1,200 requests per 5 minutes. The client's rate limiter, the sandbox and the CLI's
 * {@code --api-budget} / {@code --rate-limit} flags all read it with {@link #parse}.
 *
 * @param requests requests allowed per window; 0 only for {@link #UNLIMITED}
 * @param window the window length; zero only for {@link #UNLIMITED}
 */
public record RequestBudget(int requests, Duration window) {
    /** Cloudflare's global client API limit: 1,200 requests per 300 seconds. */
    public static final RequestBudget CLOUDFLARE_DEFAULT = new RequestBudget(1200, Duration.ofSeconds(300));

    /** No budget at all ({@code off}, {@code unlimited}). */
    public static final RequestBudget UNLIMITED = new RequestBudget(0, Duration.ZERO);

    private static final String HINT = "write REQUESTS/WINDOW such as 1200/5m, 600/10s or 50/500ms, or 'off'";

    public RequestBudget {
        Objects.requireNonNull(window, "window");
        boolean off = requests == 0 && window.isZero();
        if (!off && (requests < 1 || window.isNegative() || window.toMillis() < 1)) {
            throw new IllegalArgumentException(
                    "a request budget needs requests >= 1 and a window >= 1ms: " + requests + "/" + window);
        }
    }

    /** Whether this is {@link #UNLIMITED}. */
    public boolean unlimited() {
        return requests == 0;
    }

    /** The text form {@link #parse} reads back, such as {@code 1200/5m}, {@code 50/500ms} or {@code off}. */
    public String spec() {
        return unlimited() ? "off" : requests + "/" + DurationText.format(window);
    }

    @Override
    public String toString() {
        return spec();
    }

    /**
     * Reads {@code REQUESTS/WINDOW}: {@code 1200/300s}, {@code 1200/5m}, {@code 600/10s}, {@code
     * 50/500ms}, {@code 10/s} (a bare unit means one of it), or {@code off} / {@code unlimited} /
     * {@code none} for {@link #UNLIMITED}. Window units are {@code ms}, {@code s}, {@code m} and
     * {@code h}.
     *
     * @throws LandfallException a usage error whose message starts with the quoted text ({@code
     *     '600/10x': WINDOW must be …}), so the caller can prefix the flag name, and whose hint
     *     shows the form
     */
    public static RequestBudget parse(String text) {
        if (text == null || text.isBlank()) {
            throw LandfallException.usage("'': a value is required", HINT);
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("unlimited") || lower.equals("none")) {
            return UNLIMITED;
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw bad(text, "expected REQUESTS/WINDOW");
        }
        String count = t.substring(0, slash).strip().replace("_", "");
        if (!count.matches("\\d{1,18}")) {
            throw bad(text, "REQUESTS must be a whole number");
        }
        long requests = Long.parseLong(count);
        if (requests < 1 || requests > Integer.MAX_VALUE) {
            throw bad(text, "REQUESTS must be between 1 and " + Integer.MAX_VALUE);
        }
        String w = t.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
        if (w.matches("ms|s|m|h")) {
            w = "1" + w;
        }
        Duration window = duration(text, w);
        if (window.toMillis() < 1) {
            throw bad(text, "WINDOW must be at least 1ms");
        }
        return new RequestBudget((int) requests, window);
    }

    private static Duration duration(String text, String field) {
        try {
            return DurationText.parse(field);
        } catch (IllegalArgumentException e) {
            throw bad(text, "WINDOW " + e.getMessage());
        }
    }

    private static LandfallException bad(String text, String problem) {
        return LandfallException.usage("'" + text + "': " + problem, HINT);
    }
}
