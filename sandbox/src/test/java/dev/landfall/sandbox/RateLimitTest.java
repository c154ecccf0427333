package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final FakeClock clock = new FakeClock();
    private SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Api start(RateLimit limit) {
        server = SandboxServer.start(SandboxConfig.builder().rateLimit(limit).build(), clock);
        return new Api(server);
    }

    @Test
    void headersOnEveryAnswerThen429WithRetryAfterAndLockout() throws IOException {
        Api api = start(RateLimit.parse("5/10s"));
        String verify = api.url("/user/tokens/verify");

        Api.Reply first = api.get(verify);
        assertEquals("\"default\";r=4;t=10", first.header("Ratelimit"));
        assertEquals("\"default\";q=5;w=10", first.header("Ratelimit-Policy"));
        assertNull(first.header("Retry-After"));

        clock.advance(Duration.ofMillis(2500));
        Api.Reply notFound = api.get(api.ns("0".repeat(32), "/keys"));
        assertEquals(404, notFound.status());
        assertEquals("\"default\";r=3;t=8", notFound.header("Ratelimit"), "errors carry the headers too");
        api.get(verify);
        api.get(verify);
        Api.Reply last = api.get(verify);
        assertEquals(200, last.status());
        assertEquals("\"default\";r=0;t=8", last.header("Ratelimit"));

        Api.Reply limited = api.get(verify);
        assertEquals(429, limited.status());
        assertEquals(971, limited.errorCode());
        assertEquals(
                "Please wait and consider throttling your request speed",
                limited.json().path("errors").path(0).path("message").asText());
        assertEquals("10", limited.header("Retry-After"), "blocked for a whole window from the 429");
        assertEquals("\"default\";r=0;t=10", limited.header("Ratelimit"));
        assertEquals("\"default\";q=5;w=10", limited.header("Ratelimit-Policy"));

        clock.advance(Duration.ofMillis(7500)); // t=10s: the first request has left the window
        Api.Reply locked = api.get(verify);
        assertEquals(429, locked.status(), "still locked out, though the budget would allow one more");
        assertEquals("3", locked.header("Retry-After"), "the lockout ends at 12.5s; the 429 did not extend it");
        assertEquals("\"default\";r=0;t=3", locked.header("Ratelimit"));

        clock.advance(Duration.ofMillis(2000)); // t=12s
        assertEquals(429, api.get(verify).status());

        clock.advance(Duration.ofMillis(500)); // t=12.5s: lockout over, every earlier request outside the window
        Api.Reply fresh = api.get(verify);
        assertEquals(200, fresh.status());
        assertEquals("\"default\";r=4;t=10", fresh.header("Ratelimit"));
        assertEquals(3, server.stats().rateLimited());
        assertEquals(0, server.stats().injected429());
    }

    @Test
    void neverAdmitsMoreThanTheQuotaInAnyWindowAcrossABoundary() throws IOException {
        Api api = start(RateLimit.parse("4/10s"));
        String verify = api.url("/user/tokens/verify");
        assertEquals(200, api.get(verify).status()); // t=0
        clock.advance(Duration.ofMillis(9000));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get(verify).status()); // t=9s: 4 in the window
        }
        clock.advance(Duration.ofMillis(1500)); // t=10.5s: only the t=0 request has left
        Api.Reply one = api.get(verify);
        assertEquals(200, one.status());
        assertEquals("\"default\";r=0;t=9", one.header("Ratelimit"), "the t=9s requests leave at 19s");
        Api.Reply over = api.get(verify);
        assertEquals(429, over.status(), "a fixed window would have admitted 4 more here: 7 in 1.5 s");
        assertEquals("10", over.header("Retry-After"));
    }

    @Test
    void anonymousRequestsSeeAFullBudgetWhileTheTokenIsLockedOut() throws IOException {
        Api api = start(RateLimit.parse("1/1m"));
        assertEquals(200, api.get(api.url("/user/tokens/verify")).status());
        assertEquals(429, api.get(api.url("/user/tokens/verify")).status());
        clock.advance(Duration.ofSeconds(20));
        Api.Reply anonymous = api.withToken(null).get(api.url("/user/tokens/verify"));
        assertEquals(400, anonymous.status());
        assertEquals("\"default\";r=1;t=60", anonymous.header("Ratelimit"), "an unknown caller has its own budget");
        Api.Reply locked = api.get(api.url("/user/tokens/verify"));
        assertEquals("40", locked.header("Retry-After"));
    }

    @Test
    void unauthenticatedRequestsDoNotSpendTheBudget() throws IOException {
        Api api = start(RateLimit.parse("2/1m"));
        for (int i = 0; i < 5; i++) {
            Api.Reply r = api.withToken(null).get(api.url("/user/tokens/verify"));
            assertEquals(400, r.status());
            assertEquals("\"default\";r=2;t=60", r.header("Ratelimit"));
        }
        assertEquals(200, api.get(api.url("/user/tokens/verify")).status());
        assertEquals(200, api.get(api.url("/user/tokens/verify")).status());
        assertEquals(429, api.get(api.url("/user/tokens/verify")).status());
        assertEquals(
                200,
                api.get("http://127.0.0.1:" + server.port() + "/__sandbox/stats")
                        .status(),
                "stats are free");
    }

    @Test
    void defaultIsCloudflares1200PerFiveMinutes() throws IOException {
        server = SandboxServer.start(SandboxConfig.defaults(), clock);
        Api.Reply r = new Api(server).get(server.baseUrl() + "/user/tokens/verify");
        assertEquals("\"default\";r=1199;t=300", r.header("Ratelimit"));
        assertEquals("\"default\";q=1200;w=300", r.header("Ratelimit-Policy"));
    }

    @Test
    void unlimitedSendsNoHeaders() throws IOException {
        Api api = start(RateLimit.UNLIMITED);
        for (int i = 0; i < 50; i++) {
            Api.Reply r = api.get(api.url("/user/tokens/verify"));
            assertEquals(200, r.status());
            assertNull(r.header("Ratelimit"));
        }
    }
}
