package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.ScriptedServer.Reply;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against scripted answers: failure shapes the sandbox cannot produce. */
class CloudflareClientTest {
    static final String TOKEN = "cf-test-token-Zq7-SECRET";
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final String NS = "ns0000000000000000000000000000aa";

    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private ScriptedServer server;
    private CloudflareClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        for (String line : trace) {
            assertFalse(line.contains(TOKEN), "the token is in a trace line: " + line);
            assertFalse(line.toLowerCase(java.util.Locale.ROOT).contains("authorization"), line);
        }
    }

    private CloudflareClient start(Function<ScriptedServer.Recorded, Reply> script) {
        return start(script, 5);
    }

    private CloudflareClient start(Function<ScriptedServer.Recorded, Reply> script, int attempts) {
        server = ScriptedServer.start(clock, script);
        CloudflareClientOptions options = CloudflareClientOptions.builder()
                .budget(RequestBudget.parse("100/10s"))
                .clock(clock)
                .sleeper(sleeper)
                .trace(trace::add)
                .retryPolicy(RetryPolicy.builder(7)
                        .sleeper(sleeper)
                        .maxAttempts(attempts)
                        .build())
                .build();
        client = new CloudflareClient(new CloudflareEndpoint(server.baseUrl(), ACCOUNT, Secret.of(TOKEN)), options);
        return client;
    }

    private static void assertNoToken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(TOKEN), "the token leaked: " + t);
            if (t instanceof LandfallException le) {
                assertFalse(le.hint().orElse("").contains(TOKEN));
            }
        }
    }

    private static String keysPage(String cursorJson, String... names) {
        StringBuilder items = new StringBuilder("[");
        for (String n : names) {
            items.append(items.length() > 1 ? "," : "")
                    .append("{\"name\":\"")
                    .append(n)
                    .append("\"}");
        }
        return "{\"success\":true,\"errors\":[],\"result\":" + items + "],\"result_info\":{\"count\":" + names.length
                + (cursorJson == null ? "" : ",\"cursor\":" + cursorJson) + "}}";
    }

    @Test
    void sendsTheTokenOnlyAsABearerHeader() throws IOException {
        start(r -> Reply.json(200, keysPage("\"\"", "a")));
        client.listKeys(NS, "", "");
        ScriptedServer.Recorded r = server.requests().get(0);
        assertEquals("Bearer " + TOKEN, r.headers().get("authorization"));
        assertFalse(r.target().contains(TOKEN));
        assertEquals("/accounts/" + ACCOUNT + "/storage/kv/namespaces/" + NS + "/keys?limit=1000", r.target());
        assertEquals(1, trace.size());
        assertTrue(
                trace.get(0)
                        .matches("GET /client/v4/accounts/" + ACCOUNT + "/storage/kv/namespaces/" + NS
                                + "/keys\\?limit=1000 200 \\d+ms attempt=1"),
                trace.get(0));
        assertFalse(client.endpoint().toString().contains(TOKEN));
    }

    @Test
    void unauthorizedIsTokenRejectedAtOnce() {
        start(r -> Reply.error(401, 10000, "Authentication error"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKvNamespaces());
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("token rejected"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("CLOUDFLARE_API_TOKEN"));
        assertEquals(1, server.requests().size(), "a 401 is not retried");
        assertNoToken(e);
    }

    @Test
    void forbiddenNamesThePermission() {
        start(r -> Reply.error(403, 10000, "Authentication error"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", ""));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Workers KV Storage Read"), e.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() throws IOException {
        AtomicInteger n = new AtomicInteger();
        start(r -> n.incrementAndGet() == 1
                ? Reply.error(429, 971, "Please wait and consider throttling your request speed")
                        .header("Retry-After", "7")
                : Reply.json(200, keysPage("\"\"", "a")));
        KeyPage page = client.listKeys(NS, "", "");
        assertEquals(1, page.keys().size());
        List<ScriptedServer.Recorded> reqs = server.requests();
        assertEquals(2, reqs.size());
        assertTrue(reqs.get(1).clockMillis() - reqs.get(0).clockMillis() >= 7000, "waited Retry-After");
        ClientStats s = client.stats();
        assertEquals(2, s.requests());
        assertEquals(1, s.rateLimited());
        assertEquals(1, s.retries());
        assertTrue(trace.get(0).contains(" 429 "), trace.toString());
        assertTrue(trace.get(1).endsWith("attempt=2"), trace.toString());
    }

    @Test
    void spentRetriesAreTransientWithAResumeHint() {
        start(r -> Reply.error(503, 10001, "Service temporarily unavailable"), 4);
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", "cur"));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(1, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("list keys of kv namespace " + NS + " failed after 4 attempts"),
                e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--resume"), e.hint().orElseThrow());
        assertEquals(4, server.requests().size());
        assertEquals(4, client.stats().serverErrors());
        assertEquals(3, client.stats().retries());
        assertEquals(3, sleeper.sleeps().size(), "jittered backoff between attempts");
    }

    @Test
    void errorBodiesThatEchoTheTokenAreScrubbed() {
        start(r -> Reply.error(400, 10026, "bad request from Bearer " + TOKEN));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", ""));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("10026 bad request from Bearer ****"), e.getMessage());
        assertNoToken(e);
    }

    @Test
    void successFalseOnA200IsStillAFailure() {
        start(
                r -> Reply.json(
                        200,
                        "{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"namespace not found\"}],\"result\":null}"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", ""));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("10013 namespace not found"), e.getMessage());
    }

    @Test
    void aBodyThatIsNotJsonFailsWithoutRetrying() {
        start(r -> new Reply(
                200, Map.of("Content-Type", "text/html"), "<html>hi</html>".getBytes(StandardCharsets.UTF_8)));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", ""));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertEquals(1, server.requests().size());
        assertEquals(
                "Cloudflare's answer to list keys of kv namespace " + NS + " is not the JSON envelope expected:"
                        + " got text/html (a web page or other non-JSON text, as a proxy or sign-in page answers)",
                e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("CLOUDFLARE_API_BASE_URL"),
                e.hint().orElseThrow());
    }

    @Test
    void jsonThatBreaksOffSaysWhereWithoutTheParsersWords() {
        start(r -> Reply.json(200, "{\"success\":true,\"result\":[{\"name\":\"a\""));
        LandfallException e = assertThrows(LandfallException.class, () -> client.listKeys(NS, "", ""));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(
                e.getMessage().endsWith("got JSON that breaks off or has another shape at line 1, column 38"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
    }

    @Test
    void verifyFallsBackToTheAccountPath() throws IOException {
        start(r -> r.path().endsWith("/user/tokens/verify")
                ? Reply.error(401, 1000, "Invalid API Token")
                : Reply.ok("{\"id\":\"t1\",\"status\":\"active\",\"expires_on\":\"2030-01-01T00:00:00Z\"}"));
        TokenStatus s = client.verifyToken();
        assertTrue(s.active());
        assertEquals(Optional.of("2030-01-01T00:00:00Z"), s.expires());
        assertEquals(
                "/accounts/" + ACCOUNT + "/tokens/verify",
                server.requests().get(1).target());
    }

    @Test
    void aTokenNeitherPathAcceptsIsRejected() {
        start(r -> Reply.error(403, 1000, "Invalid API Token"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.verifyToken());
        assertTrue(e.getMessage().startsWith("token rejected"), e.getMessage());
        assertEquals(2, server.requests().size());
    }

    @Test
    void anAccountPathTheApiDoesNotServeLeavesTheUserPathsAnswer() {
        start(r -> r.path().endsWith("/user/tokens/verify")
                ? Reply.error(401, 1000, "Invalid API Token")
                : Reply.error(404, 7003, "No route for that URI"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.verifyToken());
        assertTrue(e.getMessage().startsWith("token rejected"), e.getMessage());
    }

    @Test
    void anExpiredTokenIsRejected() {
        start(r -> Reply.ok("{\"id\":\"t1\",\"status\":\"expired\"}"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.verifyToken());
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void namespacePagesStopAtTheTotalCount() throws IOException {
        start(r -> {
            int page = Integer.parseInt(r.query().replaceAll("^page=(\\d+).*", "$1"));
            int from = (page - 1) * 100;
            int count = Math.max(0, Math.min(100, 150 - from));
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < count; i++) {
                items.append(i == 0 ? "" : ",")
                        .append("{\"id\":\"id")
                        .append(from + i)
                        .append("\",\"title\":\"T")
                        .append(from + i)
                        .append("\"}");
            }
            return Reply.json(
                    200,
                    "{\"success\":true,\"errors\":[],\"result\":[" + items + "],\"result_info\":{\"page\":" + page
                            + ",\"per_page\":100,\"count\":" + count + ",\"total_count\":150}}");
        });
        List<KvNamespaceInfo> all = client.listKvNamespaces();
        assertEquals(150, all.size());
        assertEquals("id149", all.get(149).id());
        assertEquals(2, server.requests().size());
        assertTrue(server.requests().get(0).query().contains("per_page=100"));
    }

    @Test
    void namespacePagesWithoutATotalStopAtAnEmptyPage() throws IOException {
        start(r -> r.query().contains("page=1&")
                ? Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"a\",\"title\":\"A\"}]}")
                : Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":[]}"));
        assertEquals(List.of(new KvNamespaceInfo("a", "A", true)), client.listKvNamespaces());
        assertEquals(2, server.requests().size());
    }

    @Test
    void bulkGetTooLargeAndRefusedAreResults() throws IOException {
        AtomicInteger n = new AtomicInteger();
        start(r -> switch (n.incrementAndGet()) {
            case 1 -> Reply.error(413, 10011, "Total size of request exceeds the limit of 25MB");
            case 2 -> Reply.error(400, 10028, "At least one of the requested keys corresponds to a non-json value");
            case 3 -> Reply.error(400, 1000, "Invalid API Token");
            default -> Reply.ok("{\"values\":{\"a\":\"1\",\"b\":null}}");
        });
        assertInstanceOf(BulkGetResult.TooLarge.class, client.bulkGet(NS, List.of("a", "b")));
        assertInstanceOf(BulkGetResult.Refused.class, client.bulkGet(NS, List.of("a", "b")));
        assertEquals(
                ErrorKind.REJECTED,
                assertThrows(LandfallException.class, () -> client.bulkGet(NS, List.of("a")))
                        .kind());
        BulkGetResult.Values v = assertInstanceOf(BulkGetResult.Values.class, client.bulkGet(NS, List.of("a", "b")));
        assertEquals(Map.of("a", Optional.of("1"), "b", Optional.empty()), v.values());
        String body = server.requests().get(0).bodyText();
        assertEquals("{\"keys\":[\"a\",\"b\"],\"type\":\"text\"}", body);
        assertEquals("POST", server.requests().get(0).method());
        assertTrue(server.requests().get(0).target().endsWith("/storage/kv/namespaces/" + NS + "/bulk/get"));
    }

    @Test
    void singleReadsStreamRawBytesAndEncodeTheKey() throws IOException {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        start(r -> {
            if (r.path().endsWith("/missing")) {
                return Reply.error(404, 10009, "get: 'key not found'");
            }
            return new Reply(
                    200, Map.of("Content-Type", "application/octet-stream", "expiration", "1900000000"), binary);
        });
        ValueRead v = client.getValue(NS, Key.of("a/b c:d?é%+#")).orElseThrow();
        assertArrayEquals(binary, v.bytes());
        assertEquals(Optional.of(1_900_000_000L), v.expiresAt());
        assertTrue(
                server.requests().get(0).path().endsWith("/values/a%2Fb%20c%3Ad%3F%C3%A9%25%2B%23"),
                server.requests().get(0).path());
        assertEquals(
                "application/octet-stream", server.requests().get(0).headers().get("accept"));
        assertEquals(Optional.empty(), client.getValue(NS, Key.of("missing")));
        assertTrue(client.stats().bytesReceived() >= binary.length);
    }

    @Test
    void aMissingNamespaceOnASingleReadIsRejectedNamingIt() {
        start(r -> Reply.error(404, 10013, "get: 'namespace not found'"));
        LandfallException e = assertThrows(LandfallException.class, () -> client.getValue(NS, Key.of("k")));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().startsWith("kv namespace " + NS + " was not found"), e.getMessage());
    }

    @Test
    void aClosedClientRefusesWithoutRetrying() {
        start(r -> Reply.json(200, keysPage("\"\"")));
        client.close();
        client.close();
        IOException e = assertThrows(IOException.class, () -> client.listKeys(NS, "", ""));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }
}
