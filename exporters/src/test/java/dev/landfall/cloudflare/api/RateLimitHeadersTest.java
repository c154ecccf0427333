package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void ietfDraftHeaders() {
        Headers h = Headers.of("Ratelimit", "\"default\";r=50;t=30", "Ratelimit-Policy", "\"default\";q=1200;w=300");
        assertEquals(
                Optional.of(new RateLimitHeaders.Remaining(50, Duration.ofSeconds(30))),
                RateLimitHeaders.remaining(h, NOW));
        assertEquals(
                List.of(new RateLimitHeaders.Policy("default", 1200, Duration.ofSeconds(300))),
                RateLimitHeaders.policies(h));
    }

    @Test
    void theTightestOfSeveralItemsWins() {
        Headers h = Headers.of("RateLimit", "\"burst\";r=3;t=5, \"default\";r=900;t=200");
        assertEquals(
                Optional.of(new RateLimitHeaders.Remaining(3, Duration.ofSeconds(5))),
                RateLimitHeaders.remaining(h, NOW));
    }

    @Test
    void olderHeaders() {
        assertEquals(
                Optional.of(new RateLimitHeaders.Remaining(7, Duration.ofSeconds(60))),
                RateLimitHeaders.remaining(
                        Headers.of("X-RateLimit-Remaining", "7", "X-RateLimit-Reset", "Sun, 01 Mar 2026 12:01:00 GMT"),
                        NOW));
        assertEquals(
                Optional.of(new RateLimitHeaders.Remaining(7, Duration.ofSeconds(90))),
                RateLimitHeaders.remaining(
                        Headers.of(
                                "X-RateLimit-Remaining",
                                "7",
                                "X-RateLimit-Reset",
                                String.valueOf(NOW.getEpochSecond() + 90)),
                        NOW));
        assertEquals(
                Optional.of(new RateLimitHeaders.Remaining(9, Duration.ofSeconds(12))),
                RateLimitHeaders.remaining(Headers.of("RateLimit-Remaining", "9", "RateLimit-Reset", "12"), NOW));
    }

    @Test
    void garbageIsIgnored() {
        assertTrue(RateLimitHeaders.remaining(Headers.of("Ratelimit", "nonsense;;=;"), NOW)
                .isEmpty());
        assertTrue(RateLimitHeaders.remaining(Headers.of("X-RateLimit-Remaining", "-1"), NOW)
                .isEmpty());
        assertTrue(RateLimitHeaders.policies(Headers.of("Ratelimit-Policy", "\"x\";q=0;w=10"))
                .isEmpty());
        assertTrue(RateLimitHeaders.retryAfter(Headers.of("Retry-After", "soon"), NOW)
                .isEmpty());
    }

    @Test
    void retryAfterInSecondsDatesOrMilliseconds() {
        assertEquals(
                Optional.of(Duration.ofSeconds(120)),
                RateLimitHeaders.retryAfter(Headers.of("Retry-After", "120"), NOW));
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                RateLimitHeaders.retryAfter(Headers.of("Retry-After", "Sun, 01 Mar 2026 12:00:30 GMT"), NOW));
        assertEquals(
                Optional.of(Duration.ofMillis(1500)),
                RateLimitHeaders.retryAfter(Headers.of("retry-after-ms", "1500", "Retry-After", "2"), NOW));
        assertEquals(Optional.empty(), RateLimitHeaders.retryAfter(Headers.of(), NOW));
    }
}
