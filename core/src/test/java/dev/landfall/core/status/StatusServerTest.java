package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusServerTest {
    private static final Instant STARTED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PASSWORD = "s3cr3t-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = new FakeClock(STARTED);
    private final Metrics metrics = new Metrics();
    private final FollowMetrics follow = new FollowMetrics(metrics, clock);
    private final FakeStatusSource source = new FakeStatusSource(
            Status.starting("migrate --follow", STARTED, "cloudflare://acc123", "sqlite:landfall.db"),
            Map.of("--to", "sqlite:landfall.db", "--batch-size", "1000", "--follow", "true"));
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private StatusServer start() {
        server = StatusServer.start(StatusAddress.parse("127.0.0.1:0"), source, metrics, clock);
        return server;
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void portZeroTakesAFreePortAndReportsIt() throws Exception {
        start();
        int port = server.address().getPort();
        assertNotEquals(0, port);
        assertEquals("http://127.0.0.1:" + port, server.url());
        assertTrue(server.loopbackOnly());
        assertEquals(200, get("/statusz").statusCode(), "the reported port is the one that answers");
    }

    @Test
    void statuszIsPlainTextLinesByDefault() throws Exception {
        source.set(source.status()
                .withProgress("shard 3 seq 1200", 42, Duration.ofMillis(1_500))
                .withFields(Map.of("changes applied", "12000")));
        start();
        clock.advance(Duration.ofMinutes(62).plusSeconds(5));

        HttpResponse<String> r = get("/statusz");

        assertEquals(200, r.statusCode());
        assertEquals(
                "text/plain; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Accept", r.headers().firstValue("Vary").orElseThrow());
        assertEquals("""
                landfall statusz
                running: migrate --follow
                started: 2026-03-01T12:00:00Z
                uptime: 1h 2m
                source: cloudflare://acc123
                store: sqlite:landfall.db
                position: shard 3 seq 1200
                lag changes: 42
                lag seconds: 1.5s
                last error: none
                changes applied: 12000
                """, r.body());
    }

    @Test
    void statuszSaysWhatIsNotMeasuredYet() throws Exception {
        start();
        String body = get("/statusz").body();
        assertTrue(body.contains("\nposition: none yet\n"), body);
        assertTrue(body.contains("\nlag changes: not measured yet\n"), body);
        assertTrue(body.contains("\nlag seconds: not measured yet\n"), body);
        assertTrue(body.contains("\nuptime: 0s\n"), body);
    }

    @Test
    void statuszShowsTheLastErrorWithItsTime() throws Exception {
        source.set(source.status()
                .withLastError(new LastError("store refused the batch: deadlock", STARTED.plusSeconds(90))));
        start();
        String body = get("/statusz").body();
        assertTrue(
                body.contains("\nlast error: store refused the batch: deadlock\nlast error at: 2026-03-01T12:01:30Z\n"),
                body);
    }

    @Test
    void statuszIsJsonWhenAskedFor() throws Exception {
        source.set(source.status()
                .withProgress("shard 3 seq 1200", 42, Duration.ofMillis(1_500))
                .withLastError(new LastError("boom", STARTED.plusSeconds(1)))
                .withFields(fields("b field", "2", "a field", "1")));
        start();
        clock.advance(Duration.ofSeconds(75));

        HttpResponse<String> r = get("/statusz", "Accept", "application/json");

        assertEquals(200, r.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("version", doc.fieldNames().next(), "version first, as every Landfall document");
        assertEquals(1, doc.get("version").asInt());
        assertEquals("migrate --follow", doc.get("running").asText());
        assertEquals("2026-03-01T12:00:00Z", doc.get("startedAt").asText());
        assertEquals(75.0, doc.get("uptimeSeconds").asDouble());
        assertEquals("cloudflare://acc123", doc.get("source").asText());
        assertEquals("sqlite:landfall.db", doc.get("store").asText());
        assertEquals("shard 3 seq 1200", doc.get("position").asText());
        assertEquals(42, doc.get("lagChanges").asLong());
        assertEquals(1.5, doc.get("lagSeconds").asDouble());
        assertEquals("boom", doc.get("lastError").get("message").asText());
        assertEquals("2026-03-01T12:00:01Z", doc.get("lastError").get("at").asText());
        assertEquals(List.of("b field", "a field"), names(doc.get("fields")), "fields keep the caller's order");
        assertTrue(r.body().endsWith("}\n"));
    }

    @Test
    void statuszJsonWritesNullForWhatIsNotMeasuredYet() throws Exception {
        start();
        JsonNode doc =
                JSON.readTree(get("/statusz", "Accept", "application/json").body());
        assertTrue(doc.get("position").isNull());
        assertTrue(doc.get("lagChanges").isNull());
        assertTrue(doc.get("lagSeconds").isNull());
        assertTrue(doc.get("lastError").isNull());
        assertEquals(0, doc.get("fields").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "text/html", "application/json;q=0"})
    void anythingButAnAskForJsonGetsText(String accept) throws Exception {
        start();
        HttpResponse<String> r = get("/statusz", "Accept", accept);
        assertEquals(
                "text/plain; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().startsWith("landfall statusz\n"));
    }

    @Test
    void flagzListsTheOptionsSortedByName() throws Exception {
        start();
        HttpResponse<String> r = get("/flagz");
        assertEquals(200, r.statusCode());
        assertEquals(
                "text/plain; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("""
                landfall flagz
                --batch-size: 1000
                --follow: true
                --to: sqlite:landfall.db
                """, r.body());
    }

    @Test
    void flagzIsJsonWhenAskedFor() throws Exception {
        start();
        HttpResponse<String> r = get("/flagz", "Accept", "text/plain, application/json");
        assertEquals(
                "application/json; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals(1, doc.get("version").asInt());
        assertEquals(List.of("--batch-size", "--follow", "--to"), names(doc.get("flags")));
        assertEquals("1000", doc.get("flags").get("--batch-size").asText());
    }

    @Test
    void metricsIsThePrometheusTextFormatOfWhatTheFollowerCounted() throws Exception {
        start();
        follow.applied(250);
        follow.applied(250);
        follow.failed();
        follow.lag(7, Duration.ofMillis(250));

        HttpResponse<String> r = get("/metrics", "Accept", "application/json");

        assertEquals(200, r.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow(),
                "the metrics format does not follow the z-pages' Accept");
        ExpositionText text = ExpositionText.parse(r.body());
        assertEquals(500.0, text.samples.get("landfall_follow_changes_applied_total"));
        assertEquals(1.0, text.samples.get("landfall_follow_errors_total"));
        assertEquals(7.0, text.samples.get("landfall_follow_lag_changes"));
        assertEquals(0.25, text.samples.get("landfall_follow_lag_seconds"));

        follow.applied(1);
        double later =
                ExpositionText.parse(get("/metrics").body()).samples.get("landfall_follow_changes_applied_total");
        assertEquals(501.0, later, "each scrape reads the meters now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/statusz/", "/status", "/healthz", "/metrics/x", "/flagz.json"})
    void otherPathsAreNotFound(String path) throws Exception {
        start();
        HttpResponse<String> r = get(path);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("/statusz, /flagz and /metrics"), r.body());
    }

    @Test
    void aQueryStringDoesNotChangeThePage() throws Exception {
        start();
        assertEquals(200, get("/statusz?format=x").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        start();
        for (String path : List.of("/statusz", "/flagz", "/metrics")) {
            HttpResponse<String> r = send(method, path);
            assertEquals(405, r.statusCode(), method + " " + path);
            assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
        }
    }

    @Test
    void hostileTextFromTheAccountIsEscapedInEveryForm() throws Exception {
        String hostile = "ns\u001b]0;pwned\u0007\u202e\nstore: forged";
        source.set(new Status(
                        "migrate --follow",
                        STARTED,
                        "cloudflare://acc/" + hostile,
                        "sqlite:landfall.db",
                        "",
                        java.util.OptionalLong.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        Map.of("namespace " + hostile, hostile))
                .withLastError(new LastError("no access to " + hostile, STARTED)));
        server = StatusServer.start(
                StatusAddress.parse(":0"),
                new FakeStatusSource(source.status(), Map.of("--ns" + hostile, hostile)),
                metrics,
                clock);

        for (String path : List.of("/statusz", "/flagz")) {
            String text = get(path).body();
            assertNoControls(text);
            assertFalse(text.contains("\nstore: forged"), "a newline cannot forge a line:\n" + text);
            assertTrue(text.contains("ns\\u001b]0;pwned\\u0007\\u202e\\nstore: forged"), text);

            String json = get(path, "Accept", "application/json").body();
            assertNoControls(json.replace("\n", ""));
            JsonNode doc = JSON.readTree(json);
            assertTrue(doc.toString().contains("pwned"), "JSON still carries the exact string");
        }
        JsonNode status =
                JSON.readTree(get("/statusz", "Accept", "application/json").body());
        assertEquals(hostile, status.get("fields").get("namespace " + hostile).asText(), "exact once parsed");
        assertEquals(
                "no access to " + hostile,
                status.get("lastError").get("message").asText());
    }

    @Test
    void noPageEverCarriesAPassword() throws Exception {
        String pg = "postgres://app:" + PASSWORD + "@db:5432/app";
        source.set(new Status(
                        "migrate --follow",
                        STARTED,
                        "cloudflare://acc?token=" + PASSWORD,
                        pg,
                        "shard 1 seq 9 (" + pg + ")",
                        java.util.OptionalLong.of(1),
                        java.util.Optional.of(Duration.ZERO),
                        java.util.Optional.empty(),
                        Map.of("replica", "redis://:" + PASSWORD + "@127.0.0.1:6379", pg, "name is a URI"))
                .withLastError(new LastError("connecting to " + pg + " failed", STARTED)));
        server = StatusServer.start(
                StatusAddress.parse("0"),
                new FakeStatusSource(
                        source.status(),
                        Map.of("--to", pg, "--from", "postgres://app@db/app?sslmode=require&password=" + PASSWORD)),
                metrics,
                clock);

        for (String path : List.of("/statusz", "/flagz", "/metrics")) {
            for (String accept : List.of("text/plain", "application/json")) {
                HttpResponse<String> r = get(path, "Accept", accept);
                assertEquals(200, r.statusCode());
                assertFalse(r.body().contains(PASSWORD), path + " as " + accept + ":\n" + r.body());
                assertFalse(r.headers().toString().contains(PASSWORD));
            }
        }
        assertTrue(get("/statusz").body().contains("store: postgres://app:****@db:5432/app\n"));
    }

    @Test
    void aFailingSourceIsA500WithoutItsMessage() throws Exception {
        StatusSource failing = new StatusSource() {
            @Override
            public Status status() {
                throw new IllegalStateException("postgres://app:" + PASSWORD + "@db broke");
            }

            @Override
            public Map<String, String> flags() {
                return Map.of();
            }
        };
        server = StatusServer.start(StatusAddress.parse(":0"), failing, metrics, clock);
        HttpResponse<String> r = get("/statusz");
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains(PASSWORD));
        assertEquals(200, get("/flagz").statusCode(), "the server keeps serving");
    }

    @Test
    void aPortInUseIsAUsageErrorNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StatusAddress address = new StatusAddress("127.0.0.1", taken.getLocalPort());
            LandfallException e =
                    assertThrows(LandfallException.class, () -> StatusServer.start(address, source, metrics, clock));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().startsWith("--status-addr 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("port 0"));
        }
    }

    @Test
    void closeStopsServingAndCanBeRepeated() throws Exception {
        start();
        String url = server.url();
        server.close();
        server.close();
        assertThrows(
                IOException.class,
                () -> http.send(
                        HttpRequest.newBuilder(URI.create(url + "/statusz")).build(),
                        HttpResponse.BodyHandlers.ofString()));
    }

    private static void assertNoControls(String text) {
        text.codePoints()
                .filter(cp -> cp != '\n')
                .forEach(cp -> assertFalse(
                        dev.landfall.core.text.VisibleText.isUnsafe(cp),
                        "U+" + Integer.toHexString(cp) + " reached the answer: " + text));
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
