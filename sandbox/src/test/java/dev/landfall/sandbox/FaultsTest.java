package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final Faults MIX = Faults.parse("429=0.1,500=0.1,502=0.05,503=0.05,reset=0.05,slow=0.05");

    /** Status per request for 200 requests; 0 for a reset. */
    private static List<Integer> sequence(long seed) throws IOException {
        SandboxConfig config = SandboxConfig.builder()
                .faults(MIX)
                .randomSeed(seed)
                .rateLimit(RateLimit.UNLIMITED)
                .build();
        try (SandboxServer server = SandboxServer.start(config, new FakeClock(), new RecordingSleeper())) {
            Api api = new Api(server);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                try {
                    out.add(api.get(api.url("/user/tokens/verify")).status());
                } catch (IOException reset) {
                    out.add(0);
                }
            }
            return out;
        }
    }

    @Test
    void sameSeedSameFaultSequence() throws IOException {
        List<Integer> a = sequence(42);
        assertEquals(a, sequence(42));
        assertNotEquals(a, sequence(43));
        for (int status : List.of(0, 200, 429, 500, 502, 503)) {
            assertTrue(a.contains(status), "saw " + status + " in " + a);
        }
    }

    @Test
    void injectedFaultsHaveCloudflareShapesAndAreCounted() throws IOException {
        SandboxConfig config = SandboxConfig.builder()
                .faults(MIX)
                .randomSeed(7)
                .rateLimit(RateLimit.parse("1000/1m"))
                .build();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (SandboxServer server = SandboxServer.start(config, new FakeClock(), sleeper)) {
            Api api = new Api(server);
            int resets = 0;
            int injected429 = 0;
            int fives = 0;
            for (int i = 0; i < 300; i++) {
                Api.Reply r;
                try {
                    r = api.get(api.url("/user/tokens/verify"));
                } catch (IOException e) {
                    resets++;
                    continue;
                }
                if (r.status() == 429) {
                    injected429++;
                    assertEquals("1", r.header("Retry-After"), "an injected 429 asks for a short wait");
                    assertEquals(971, r.errorCode());
                } else if (r.status() >= 500) {
                    fives++;
                    JsonNode j = r.json();
                    assertTrue(!j.path("success").asBoolean(true)
                            && j.path("errors").size() == 1);
                    assertTrue(r.header("Ratelimit") != null);
                }
            }
            SandboxStats s = server.stats();
            assertEquals(300, s.totalRequests());
            assertEquals(300, s.requests("GET", "/user/tokens/verify"));
            assertEquals(resets, s.faults("reset"));
            assertEquals(injected429, s.injected429());
            assertEquals(injected429, s.faults("429"));
            assertEquals(0, s.rateLimited(), "injected 429s lock nothing out");
            assertEquals(fives, s.faults("500") + s.faults("502") + s.faults("503"));
            assertEquals(resets, (long) s.responsesByStatus().getOrDefault(0, 0L));
            assertTrue(s.faults("slow") > 0);
            assertEquals(s.faults("slow"), sleeper.sleeps.size(), "one sleep per slow answer, no latency set");
            for (Duration d : sleeper.sleeps) {
                assertTrue(
                        d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofSeconds(5)) <= 0,
                        d.toString());
            }

            JsonNode stats = api.withToken(null)
                    .get("http://127.0.0.1:" + server.port() + "/__sandbox/stats")
                    .json();
            assertEquals(300, stats.path("total_requests").asLong());
            assertEquals(
                    300,
                    stats.path("requests_by_route")
                            .path("GET /user/tokens/verify")
                            .asLong());
            assertEquals(
                    injected429, stats.path("rate_limited").path("injected").asLong());
            assertEquals(0, stats.path("rate_limited").path("limit").asLong());
            assertEquals(resets, stats.path("faults").path("reset").asLong());
            assertEquals(s.faults("slow"), stats.path("faults").path("slow").asLong());
        }
    }

    @Test
    void resetIsAnIOExceptionForTheClient() {
        SandboxConfig config =
                SandboxConfig.builder().faults(Faults.parse("reset=1")).build();
        try (SandboxServer server = SandboxServer.start(config)) {
            Api api = new Api(server);
            assertThrows(IOException.class, () -> api.get(api.url("/user/tokens/verify")));
            assertThrows(IOException.class, () -> api.putJson(api.ns("x", "/bulk"), "[]"));
            assertEquals(2, server.stats().faults("reset"));
        }
    }

    @Test
    void latencyIsAddedToEveryAnswer() throws IOException {
        RecordingSleeper sleeper = new RecordingSleeper();
        SandboxConfig config =
                SandboxConfig.builder().latency(Duration.ofMillis(25)).build();
        try (SandboxServer server = SandboxServer.start(config, new FakeClock(), sleeper)) {
            Api api = new Api(server);
            api.get(api.url("/user/tokens/verify"));
            api.withToken(null).get(api.url("/user/tokens/verify"));
            api.get(api.url("/nothing"));
            assertEquals(List.of(Duration.ofMillis(25), Duration.ofMillis(25), Duration.ofMillis(25)), sleeper.sleeps);
            SandboxStats s = server.stats();
            assertEquals(2, s.requests("GET", "/user/tokens/verify"));
            assertEquals(1, s.requestsByRoute().get("unmatched"));
            assertEquals(java.util.Map.of(200, 1L, 400, 1L, 404, 1L), s.responsesByStatus());
        }
    }
}
