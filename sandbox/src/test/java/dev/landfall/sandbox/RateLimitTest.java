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
        server = SandboxServer.start(SandboxConfig.defaults().withRateLimit(limit), clock);
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
        assertEquals("8", limited.header("Retry-After"));
        assertEquals("\"default\";r=0;t=8", limited.header("Ratelimit"));
        assertEquals("\"default\";q=5;w=10", limited.header("Ratelimit-Policy"));

        clock.advance(Duration.ofSeconds(7));
        Api.Reply locked = api.get(verify);
        assertEquals(429, locked.status(), "locked out for the rest of the window");
        assertEquals("1", locked.header("Retry-After"));

        clock.advance(Duration.ofMillis(500));
        Api.Reply fresh = api.get(verify);
        assertEquals(200, fresh.status());
        assertEquals("\"default\";r=4;t=10", fresh.header("Ratelimit"));
        assertEquals(2, server.stats().rateLimited());
        assertEquals(0, server.stats().injected429());
    }

    @Test
    void unauthenticatedRequestsDoNotSpendTheBudget() throws IOException {
        Api api = start(RateLimit.parse("2/1m"));
        for (int i = 0; i < 5; i++) {
            Api.Reply r = api.withToken(null).get(api.url("/user/tokens/verify"));
            assertEquals(401, r.status());
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
