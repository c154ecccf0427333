package dev.landfall.sandbox;

import dev.landfall.core.time.RequestBudget;
import java.time.Duration;

/**
 * The per-token request budget the sandbox enforces: at most {@code requests} in any span of
 * {@code window}, Cloudflare's 1,200 per 5 minutes by default. A request over the budget gets 429
 * (code 971, {@code Retry-After}) and locks the token out for one whole window from then, as
 * Cloudflare documents.
 *
 * @param requests requests allowed per window; 0 only for {@link #UNLIMITED}
 * @param window the window length; zero only for {@link #UNLIMITED}
 */
public record RateLimit(int requests, Duration window) {
    /** Cloudflare's global client API limit: 1,200 requests per 300 seconds. */
    public static final RateLimit CLOUDFLARE_DEFAULT = new RateLimit(1200, Duration.ofSeconds(300));

    /** No limit at all; no {@code Ratelimit} headers are sent. */
    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ZERO);

    /** @throws IllegalArgumentException unless both are zero, or requests >= 1 and the window >= 1ms */
    public RateLimit {
        // --api-budget's rule, which RequestBudget owns: off, or >= 1 request per window of >= 1ms.
        new RequestBudget(requests, window);
    }

    /** Whether this is {@link #UNLIMITED}. */
    public boolean unlimited() {
        return requests == 0;
    }

    /** The text form {@link #parse} reads back, such as {@code 1200/5m} or {@code off}. */
    public String spec() {
        return new RequestBudget(requests, window).spec();
    }

    /**
     * Reads {@code REQUESTS/WINDOW} ({@code 600/10s}, {@code 1200/5m}, {@code 100/1s}, {@code
     * 50/500ms}, {@code 10/s}) or {@code unlimited} / {@code off}, through {@link
     * RequestBudget#parse}, so {@code --rate-limit} and {@code --api-budget} read the same forms.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag, e.g. {@code --rate-limit})
     */
    public static RateLimit parse(String text) {
        RequestBudget budget = RequestBudget.parse(text);
        return budget.unlimited() ? UNLIMITED : new RateLimit(budget.requests(), budget.window());
    }
}
