package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServeServerTest {
    private static final String NS = "0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "s3cret-token-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryKvAccess store = new MemoryKvAccess().with(new KvNamespace(NS, "SESSIONS"));
    private final HttpClient client = HttpClient.newHttpClient();
    private ServeServer server;
    private String token;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Optional<Secret> secret) {
        start(secret, List.of());
    }

    private void start(Optional<Secret> secret, List<ServeRoute> mounted) {
        startOver(store, secret, mounted);
    }

    private void startOver(KvAccess access, Optional<Secret> secret, List<ServeRoute> mounted) {
        KvService kv = new KvService(
                access,
                new CacheSettings(1 << 20, Duration.ofSeconds(10)),
                clock,
                () -> clock.millis() * 1_000_000L,
                Runnable::run);
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("127.0.0.1:0"), secret, kv.cacheSettings(), 4, Duration.ofSeconds(5));
        server = ServeServer.start(config, kv, mounted, clock);
        token = secret.map(Secret::reveal).orElse(null);
    }

    private void start() {
        start(Optional.empty());
    }

    private String values(String rawKey) {
        return "/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/values/" + rawKey;
    }

    private HttpResponse<byte[]> send(String method, String rawPath, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(server.url() + rawPath)).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String rawPath, String... headers) throws Exception {
        return send("GET", rawPath, BodyPublishers.noBody(), headers);
    }

    private HttpResponse<byte[]> put(String rawPath, String body, String... headers) throws Exception {
        return send("PUT", rawPath, BodyPublishers.ofString(body), headers);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<byte[]> r, int status, int code) throws IOException {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(code);
        assertThat(body.get("result").isNull()).isTrue();
    }

    @Test
    void writesReadsAndDeletesAValueOverTheRestRoutes() throws Exception {
        start();
        assertThat(put(values("greeting"), "hello").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> read = get(values("greeting"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(text(read)).isEqualTo("hello");
        assertThat(send("DELETE", values("greeting"), BodyPublishers.noBody()).statusCode())
                .isEqualTo(200);
        assertError(get(values("greeting")), 404, KvErrorCodes.KEY_NOT_FOUND);
    }

    @Test
    void aSlashInAKeyIsPartOfItEncodedOrNot() throws Exception {
        start();
        put(values("a/b%20c"), "raw slash");
        assertThat(text(get(values("a%2Fb%20c")))).isEqualTo("raw slash");
        assertError(get(values("a/b+c")), 404, KvErrorCodes.KEY_NOT_FOUND);
    }

    /** One request written as is (Java's HTTP clients refuse bad escapes and raw |^[]), and the answer. */
    private String raw(String method, String target, String body, String... headerLines) throws IOException {
        InetSocketAddress a = server.address();
        try (Socket socket = new Socket(a.getAddress(), a.getPort())) {
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: x\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertRawError(String answer, int status, int code) throws IOException {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains("Content-Type: application/json");
        JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(code);
    }

    @Test
    void aChunkedBodyARefusalLeftUnreadIsSkippedAndTheConnectionCarriesTheNextRequest() throws Exception {
        start();
        InetSocketAddress a = server.address();
        try (Socket socket = new Socket(a.getAddress(), a.getPort())) {
            String refused = "POST /statusz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n";
            String next = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write((refused + next).getBytes(StandardCharsets.UTF_8));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answers).startsWith("HTTP/1.1 405 ");
            assertThat(answers.substring(answers.indexOf("HTTP/1.1", 1)))
                    .startsWith("HTTP/1.1 200 ")
                    .endsWith("ok\n");
        }
    }

    @Test
    void aMalformedEscapeIsA400InCloudflaresShapeAndTheServerCarriesOn() throws Exception {
        start();
        String answer = raw("GET", values("bad%zzkey"), "");
        assertRawError(answer, 400, KvErrorCodes.COULD_NOT_ROUTE);
        assertThat(answer).contains("write % as %25");
        assertRawError(raw("PUT", values("100%"), "v"), 400, KvErrorCodes.COULD_NOT_ROUTE);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void rawCharactersThatAUriMayNotHoldAreStillPartOfTheKey() throws Exception {
        start();
        assertThat(raw("PUT", values("a|b^c[d]"), "sent raw")).startsWith("HTTP/1.1 200 ");
        assertThat(text(get(values("a%7Cb%5Ec%5Bd%5D")))).isEqualTo("sent raw");
    }

    @Test
    void rawUtf8InThePathIsTheKeysUtf8() throws Exception {
        start();
        assertThat(raw("PUT", values("caf\u00e9/\u2603"), "utf-8")).startsWith("HTTP/1.1 200 ");
        assertThat(text(get(values("caf%C3%A9%2F%E2%98%83")))).isEqualTo("utf-8");
    }

    @Test
    void aRequestTheHttpServerCannotReadIsAnsweredInCloudflaresShape() throws Exception {
        start();
        String answer = raw("GET", "/healthz", "", "this line is no header");
        assertRawError(answer, 400, KvErrorCodes.COULD_NOT_ROUTE);
        assertThat(text(get("/metrics")))
                .contains("landfall_serve_requests_total{route=\"unmatched\",status=\"400\"} 1");
    }

    @Test
    void aMalformedMultipartBodyIsA400AndWritesNothing() throws Exception {
        start();
        assertError(
                put(values("m"), "--xYz\r\nno header end", "Content-Type", "multipart/form-data; boundary=xYz"),
                400,
                KvErrorCodes.INVALID_BODY);
        assertError(put(values("m"), "v", "Content-Type", "multipart/form-data"), 400, KvErrorCodes.INVALID_BODY);
        assertThat(get(values("m")).statusCode()).isEqualTo(404);
    }

    @Test
    void multipartPutsKeepMetadataAndExpiration() throws Exception {
        start();
        String boundary = "xYz";
        String body = "--xYz\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nv1\r\n"
                + "--xYz\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"owner\":\"ann\"}\r\n--xYz--\r\n";
        HttpResponse<byte[]> written = put(
                values("k1") + "?expiration_ttl=120",
                body,
                "Content-Type",
                "multipart/form-data; boundary=" + boundary);
        assertThat(written.statusCode()).as(text(written)).isEqualTo(200);
        HttpResponse<byte[]> read = get(values("k1"));
        assertThat(text(read)).isEqualTo("v1");
        assertThat(read.headers().firstValue("expiration")).contains(Long.toString(clock.epochSecond() + 120));
        JsonNode meta = json(get("/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/metadata/k1"));
        assertThat(meta.get("result").get("owner").asText()).isEqualTo("ann");
    }

    @Test
    void limitsAreRefusedInCloudflaresShape() throws Exception {
        start();
        assertError(put(values("k") + "?expiration_ttl=30", "v"), 400, KvErrorCodes.INVALID_EXPIRATION);
        assertError(put(values("k") + "?expiration=soon", "v"), 400, KvErrorCodes.INVALID_EXPIRATION);
        assertError(put(values("x".repeat(513)), "v"), 414, KvErrorCodes.INVALID_KEY);
        assertError(
                get("/client/v4/accounts/any/storage/kv/namespaces/nope/values/k"),
                404,
                KvErrorCodes.NAMESPACE_NOT_FOUND);
        assertError(
                get("/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/keys?limit=9"),
                400,
                KvErrorCodes.INVALID_PARAMETER);
        assertError(
                get("/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/keys?cursor=forged"),
                400,
                KvErrorCodes.INVALID_PARAMETER);
        assertError(get("/client/v4/accounts/any/elsewhere"), 404, KvErrorCodes.COULD_NOT_ROUTE);
        assertError(send("POST", values("k"), BodyPublishers.noBody()), 405, KvErrorCodes.METHOD_NOT_ALLOWED);
    }

    @Test
    void keysArePagedWithAnOpaqueCursor() throws Exception {
        start();
        List<String> users = new ArrayList<>();
        for (int i = 10; i < 22; i++) {
            users.add("user:" + i);
            put(values("user:" + i), "v");
        }
        put(values("other"), "v");
        List<String> names = new ArrayList<>();
        String cursor = "";
        JsonNode page;
        do {
            page = json(get("/client/v4/accounts/any/storage/kv/namespaces/" + NS
                    + "/keys?prefix=user%3A&limit=10&cursor=" + cursor));
            page.get("result").forEach(k -> names.add(k.get("name").asText()));
            cursor = page.get("result_info").get("cursor").asText();
        } while (!page.get("result_info").get("list_complete").asBoolean());
        assertThat(names).containsExactlyElementsOf(users);
        assertThat(cursor).isEmpty();
    }

    @Test
    void namespacesAreListedAndBulkWritesAndDeletesApply() throws Exception {
        start();
        JsonNode list = json(get("/client/v4/accounts/any/storage/kv/namespaces"));
        assertThat(list.get("result").get(0).get("title").asText()).isEqualTo("SESSIONS");
        String bulk = "/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/bulk";
        HttpResponse<byte[]> written = put(
                bulk,
                "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"Mg==\",\"base64\":true,\"metadata\":{\"m\":1}}]");
        assertThat(written.statusCode()).as(text(written)).isEqualTo(200);
        assertThat(text(get(values("b")))).isEqualTo("2");
        assertError(
                put(bulk, "[{\"key\":\"c\",\"value\":\"3\"},{\"key\":\"d\",\"value\":\"4\",\"expiration_ttl\":5}]"),
                400,
                KvErrorCodes.INVALID_EXPIRATION);
        assertError(get(values("c")), 404, KvErrorCodes.KEY_NOT_FOUND);
        HttpResponse<byte[]> deleted = send("POST", bulk + "/delete", BodyPublishers.ofString("[\"a\",\"b\"]"));
        assertThat(deleted.statusCode()).as(text(deleted)).isEqualTo(200);
        assertError(get(values("a")), 404, KvErrorCodes.KEY_NOT_FOUND);
    }

    @Test
    void aTokenGuardsEveryRouteButHealthAndReadiness() throws Exception {
        start(Optional.of(Secret.of(TOKEN)));
        String good = token;
        token = null;
        assertError(get(values("k")), 401, 10000);
        assertError(get("/metrics"), 401, 10000);
        assertError(get(values("k"), "Authorization", "Bearer wrong"), 403, KvErrorCodes.INVALID_TOKEN);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        token = good;
        assertError(get(values("k")), 404, KvErrorCodes.KEY_NOT_FOUND);
        HttpResponse<byte[]> flagz = get("/flagz", "Accept", "application/json");
        assertThat(flagz.statusCode()).isEqualTo(200);
        assertThat(text(flagz)).contains("****").doesNotContain(TOKEN);
        assertThat(text(get("/statusz"))).doesNotContain(TOKEN);
    }

    @Test
    void aMountedRouteTakesItsRequestsWhateverThePathBehindTheToken() throws Exception {
        ServeRoute echo =
                ServeRoute.withHeader("X-Binding", "binding", r -> Answer.text(200, "mounted " + r.rawPath()));
        start(Optional.of(Secret.of(TOKEN)), List.of(echo));
        assertThat(text(get("/healthz", "X-Binding", "ns"))).isEqualTo("mounted /healthz");
        assertThat(text(get("/healthz")))
                .as("without the header, serve's own route")
                .isEqualTo("ok\n");
        String good = token;
        token = null;
        assertError(get("/anything", "X-Binding", "ns"), 401, 10000);
        token = good;
        assertThat(text(get("/metrics"))).contains("landfall_serve_requests_total{route=\"binding\",status=\"200\"} 1");
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenIsAUsageError() {
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("0.0.0.0:0"),
                Optional.empty(),
                new CacheSettings(1, Duration.ofSeconds(1)),
                1,
                Duration.ofSeconds(1));
        assertThatThrownBy(config::checkSafe)
                .isInstanceOfSatisfying(
                        LandfallException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("--listen 0.0.0.0:0");
    }

    @Test
    void anOutageIs503ForWhatIsNotCachedWhileCachedValuesAreServed() throws Exception {
        start();
        put(values("hot"), "still here");
        store.failing(true);
        assertThat(text(get(values("hot")))).isEqualTo("still here");
        assertError(get(values("cold")), 503, KvErrorCodes.INTERNAL);
        assertError(put(values("hot"), "new"), 503, KvErrorCodes.INTERNAL);
        JsonNode status = json(get("/statusz", "Accept", "application/json"));
        assertThat(status.toString()).contains("unreachable since " + clock.instant());
        assertThat(get("/readyz").statusCode())
                .as("reached once, so still ready")
                .isEqualTo(200);
    }

    @Test
    void notReadyUntilTheStoreWasReachedOnceNorWhileDraining() throws Exception {
        store.failing(true);
        start();
        HttpResponse<byte[]> notYet = get("/readyz");
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(text(notYet)).contains("not been reached");
        store.failing(false);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsByRouteAndTheCachesHits() throws Exception {
        start();
        put(values("k"), "v");
        get(values("k"));
        get(values("k"));
        String metrics = text(get("/metrics"));
        assertThat(metrics)
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"200\"} 2")
                .contains("landfall_serve_requests_total{route=\"PUT value\",status=\"200\"} 1")
                .contains("landfall_serve_cache_hits_total 2")
                .contains("landfall_serve_cache_hit_ratio 1.0")
                .contains("landfall_serve_request_duration_seconds_bucket{route=\"GET value\",le=\"+Inf\"} 2")
                .contains("landfall_serve_store_errors_total 0");
    }

    @Test
    void aCachedValueIsAnsweredWithItsExpirationAndEachReadCountsOnceAsAHitOrAMiss() throws Exception {
        start();
        long expiration = clock.instant().getEpochSecond() + 3600;
        put(values("k") + "?expiration=" + expiration, "v");
        HttpResponse<byte[]> first = get(values("k"));
        HttpResponse<byte[]> second = get(values("k"));
        assertError(get(values("absent")), 404, KvErrorCodes.KEY_NOT_FOUND);
        assertError(get(values("absent")), 404, KvErrorCodes.KEY_NOT_FOUND);
        for (HttpResponse<byte[]> r : List.of(first, second)) {
            assertThat(text(r)).isEqualTo("v");
            assertThat(r.headers().firstValue("expiration")).hasValue(Long.toString(expiration));
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        }
        assertThat(text(get("/metrics")))
                .as("the written value: two hits; the absent key: a miss, then a cached miss (a hit)")
                .contains("landfall_serve_cache_hits_total 3")
                .contains("landfall_serve_cache_misses_total 1")
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"200\"} 2")
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"404\"} 2");
    }

    @Test
    void aMissOnAStoreThatReadsInProcessIsReadOnTheSelectorWhileReadsAreQuickAndAnsweredAsOnThePool() throws Exception {
        WatchedStore sqliteLike = new WatchedStore.InProcess(store, clock);
        startOver(sqliteLike, Optional.empty(), List.of());
        long expiration = clock.instant().getEpochSecond() + 3600;
        store.put(new Entry(
                new KvNamespace(NS, "SESSIONS"), Key.of("k"), "v".getBytes(StandardCharsets.UTF_8), null, expiration));

        HttpResponse<byte[]> found = get(values("k"));
        assertThat(text(found)).isEqualTo("v");
        assertThat(found.headers().firstValue("expiration")).hasValue(Long.toString(expiration));
        assertThat(found.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertError(get(values("absent")), 404, KvErrorCodes.KEY_NOT_FOUND);
        assertThat(sqliteLike.readOnSelector())
                .as("both misses read on the selector")
                .containsExactly(true, true);

        sqliteLike.readsTake(Duration.ofMillis(2)); // the disk answers now
        assertError(get(values("slow-1")), 404, KvErrorCodes.KEY_NOT_FOUND);
        assertError(get(values("slow-2")), 404, KvErrorCodes.KEY_NOT_FOUND);
        assertThat(sqliteLike.readOnSelector())
                .as("the slow read on the selector sends the next miss to the pool")
                .containsExactly(true, true, true, false);

        store.failing(true);
        assertError(get(values("k-during-outage")), 503, KvErrorCodes.INTERNAL);
        assertThat(text(get("/metrics")))
                .contains("landfall_serve_cache_misses_total 5")
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"200\"} 1")
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"404\"} 3")
                .contains("landfall_serve_requests_total{route=\"GET value\",status=\"503\"} 1");
    }

    @Test
    void aMissOnAStoreOverTheNetworkIsReadOnThePool() throws Exception {
        WatchedStore networked = new WatchedStore(store, clock);
        startOver(networked, Optional.empty(), List.of());
        store.put(new Entry(
                new KvNamespace(NS, "SESSIONS"), Key.of("k"), "v".getBytes(StandardCharsets.UTF_8), null, null));

        assertThat(text(get(values("k")))).isEqualTo("v");
        assertThat(text(get(values("k")))).isEqualTo("v");

        assertThat(networked.readOnSelector()).as("one miss, then a hit").containsExactly(false);
    }

    @Test
    void aCachedValueIsAnsweredWhileEveryPoolThreadIsBusy() throws Exception {
        CountDownLatch arrived = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        ServeRoute holding = ServeRoute.underPrefix("/hold/", "hold", r -> {
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.text(200, "released\n");
        });
        startOver(store, Optional.empty(), List.of(holding));
        put(values("k"), "v");
        InetSocketAddress a = server.address();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        // A connection opened before the pool is busy: Jetty sets up a new one on a pool thread.
        try (Socket socket = new Socket(a.getAddress(), a.getPort())) {
            socket.setSoTimeout(10_000); // a failure ends in a timeout rather than a hang
            String get = "GET " + values("k") + " HTTP/1.1\r\nHost: x\r\n";
            socket.getOutputStream().write((get + "\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(readAnswer(socket)).as("read from the store: now cached").endsWith("\r\n\r\nv");
            for (int i = 0; i < 4; i++) { // the test server's four request threads
                held.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create(server.url() + "/hold/" + i))
                                .build(),
                        BodyHandlers.ofString()));
            }
            assertThat(arrived.await(10, TimeUnit.SECONDS))
                    .as("every pool thread holds a request")
                    .isTrue();

            socket.getOutputStream().write((get + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("answered on the selector thread that read it, not queued for the pool")
                    .startsWith("HTTP/1.1 200 ")
                    .endsWith("\r\n\r\nv");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> h : held) {
            assertThat(h.get(10, TimeUnit.SECONDS).body()).isEqualTo("released\n");
        }
    }

    /** One answer with a Content-Length from a kept connection: its head and body. */
    private static String readAnswer(Socket socket) throws IOException {
        StringBuilder answer = new StringBuilder();
        int length = -1;
        while (length < 0 || answer.length() < answer.indexOf("\r\n\r\n") + 4 + length) {
            int c = socket.getInputStream().read();
            if (c < 0) {
                break;
            }
            answer.append((char) c);
            if (length < 0 && answer.indexOf("\r\n\r\n") >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(answer);
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
        }
        return answer.toString();
    }

    @Test
    void zPagesAnswerTextByDefaultAndJsonWhenAsked() throws Exception {
        start();
        HttpResponse<byte[]> text = get("/statusz");
        assertThat(text.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(text(text))
                .contains("running: serve")
                .contains("store reachable: yes")
                .as("serve follows no log: no source, position or lag")
                .doesNotContain("source:", "position:", "lag changes:", "lag seconds:");
        JsonNode status = json(get("/statusz", "Accept", "application/json"));
        assertThat(status.has("store")).isTrue();
        assertThat(status.has("source") || status.has("position") || status.has("lagSeconds"))
                .isFalse();
        HttpResponse<byte[]> json = get("/flagz", "Accept", "application/json");
        assertThat(json(json).get("flags").get("--fresh-for").asText()).isEqualTo("10s");
    }

    @Test
    void drainingRefusesNewRequestsAndClosesTheStore() throws Exception {
        start();
        String url = server.url();
        assertThat(server.drain()).isTrue();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create(url + "/healthz")).build(), BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
