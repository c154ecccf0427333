package dev.landfall.cloudflare.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link CloudflareClient} has done so far. The CLI shows "requests used" and "429s seen"
 * per namespace from the difference of two snapshots ({@link #minus}).
 *
 * @param requests HTTP requests sent, retries included (each counts against the budget)
 * @param rateLimited 429 answers seen
 * @param retries attempts after the first, of any exchange
 * @param serverErrors 5xx answers seen
 * @param transportErrors exchanges that failed without an answer: resets, timeouts, cancellations
 * @param bytesReceived response body bytes read
 * @param throttled time spent waiting for the rate limiter
 */
public record ClientStats(
        long requests,
        long rateLimited,
        long retries,
        long serverErrors,
        long transportErrors,
        long bytesReceived,
        Duration throttled) {
    /** Nothing yet. */
    public static final ClientStats ZERO = new ClientStats(0, 0, 0, 0, 0, 0, Duration.ZERO);

    public ClientStats {
        Objects.requireNonNull(throttled, "throttled");
    }

    /** The counts since {@code earlier}. */
    public ClientStats minus(ClientStats earlier) {
        return new ClientStats(
                requests - earlier.requests,
                rateLimited - earlier.rateLimited,
                retries - earlier.retries,
                serverErrors - earlier.serverErrors,
                transportErrors - earlier.transportErrors,
                bytesReceived - earlier.bytesReceived,
                throttled.minus(earlier.throttled));
    }
}
