package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.Key;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvKeysTest {
    private static final String HARD = "a/b c:d?é%+#";

    private final FakeClock clock = new FakeClock();
    private SandboxServer server;
    private Api api;
    private String ns;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(
                SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED).build(), clock);
        api = new Api(server);
        ns = api.createNamespace("KEYS");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String value(String key) {
        return api.ns(ns, "/values/" + Api.encodeUriComponent(key));
    }

    private Api.Reply putText(String key, String text) throws IOException {
        return api.put(value(key), RequestBody.create(text, MediaType.get("text/plain;charset=UTF-8")));
    }

    @Test
    void rawPutAndGetWithTheSuccessShape() throws IOException {
        Api.Reply put = putText("greeting", "hello");
        assertEquals(200, put.status());
        assertEquals("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}", put.text());
        Api.Reply get = api.get(value("greeting"));
        assertEquals(200, get.status());
        assertEquals("hello", get.text());
        assertEquals("application/octet-stream", get.header("Content-Type"));
        assertNull(get.header("expiration"));
    }

    @Test
    void missingKeyIs404With10009() throws IOException {
        Api.Reply r = api.get(value("nope"));
        assertEquals(404, r.status());
        SandboxServerTest.assertFailureEnvelope(r, 10009, "get: 'key not found'");
        assertEquals(404, api.get(api.ns(ns, "/metadata/nope")).status());
        assertEquals(10013, api.get(api.ns("0".repeat(32), "/values/x")).errorCode());
    }

    @Test
    void hardKeysArePercentDecodedAsOneSegment() throws IOException {
        assertEquals(200, putText(HARD, "hard").status());
        // wrangler's encodeURIComponent and the SDK's form (':' left as is) reach the same key
        assertEquals("hard", api.get(value(HARD)).text());
        assertEquals(
                "hard",
                api.get(api.ns(ns, "/values/" + Api.encodeSdkStyle(HARD))).text());
        assertEquals(List.of(HARD), names(api.get(api.ns(ns, "/keys")).json()));

        // '+' in a path is a plus, never a space
        assertEquals(
                200,
                api.put(api.ns(ns, "/values/1+1"), RequestBody.create("two", Api.OCTETS))
                        .status());
        assertEquals("two", api.get(api.ns(ns, "/values/1%2B1")).text());
        assertEquals(404, api.get(api.ns(ns, "/values/1%201")).status());

        // '%2F' stays inside the key: a/b is one key, not a path
        assertEquals(
                200,
                api.put(api.ns(ns, "/values/x%2Fy"), RequestBody.create("slash", Api.OCTETS))
                        .status());
        assertTrue(names(api.get(api.ns(ns, "/keys")).json()).contains("x/y"));
        // and an unencoded '/' (SDK 4.x) reaches the same key: the rest of the path is the key
        assertEquals("slash", api.get(api.ns(ns, "/values/x/y")).text());
        assertEquals(200, api.get(api.ns(ns, "/metadata/x/y")).status());
        assertEquals(200, api.delete(api.ns(ns, "/values/x/y")).status());
        assertFalse(names(api.get(api.ns(ns, "/keys")).json()).contains("x/y"));
    }

    @Test
    void keysListInUnsignedUtf8ByteOrder() throws IOException {
        List<String> keys = List.of("b", "A", "a", "é", "\uFFFD", "\uD834\uDD1E", "aa", "Z", "~", "e\u0301");
        for (String k : keys) {
            putText(k, k);
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort((x, y) -> Key.of(x).compareTo(Key.of(y)));
        List<String> listed = names(api.get(api.ns(ns, "/keys")).json());
        assertEquals(expected, listed);
        assertTrue(listed.indexOf("\uFFFD") < listed.indexOf("\uD834\uDD1E"), "UTF-8 order, not UTF-16 order");
    }

    @Test
    void cursorPagesToAnEmptyCursorWithAPrefix() throws IOException {
        for (int i = 0; i < 25; i++) {
            putText(String.format("seed:%03d", i), "v" + i);
            putText(String.format("other:%03d", i), "v" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String url = api.ns(ns, "/keys?limit=10&prefix=seed%3A" + (cursor == null ? "" : "&cursor=" + cursor));
            JsonNode j = api.get(url).json();
            assertTrue(j.path("success").asBoolean());
            JsonNode info = j.path("result_info");
            assertEquals(j.path("result").size(), info.path("count").asInt());
            seen.addAll(names(j));
            cursor = info.path("cursor").asText();
            pages++;
        } while (!cursor.isEmpty());
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertTrue(seen.stream().allMatch(k -> k.startsWith("seed:")));
        assertEquals("seed:000", seen.get(0));
        assertEquals("seed:024", seen.get(24));
    }

    @Test
    void listLimitBoundsAndDefault() throws IOException {
        for (int i = 0; i < 1005; i++) {
            api.server
                    .kvStore()
                    .find(ns)
                    .orElseThrow()
                    .put(new dev.landfall.sandbox.internal.KvItem(
                            Key.of(String.format("k%05d", i)),
                            dev.landfall.sandbox.internal.KvValue.of(new byte[0]),
                            null,
                            null));
        }
        JsonNode first = api.get(api.ns(ns, "/keys")).json();
        assertEquals(1000, first.path("result").size(), "default limit is 1000");
        assertFalse(first.path("result_info").path("cursor").asText().isEmpty());
        assertEquals(
                10, api.get(api.ns(ns, "/keys?limit=10")).json().path("result").size());
        assertEquals(400, api.get(api.ns(ns, "/keys?limit=9")).status());
        assertEquals(400, api.get(api.ns(ns, "/keys?limit=1001")).status());
        assertEquals(400, api.get(api.ns(ns, "/keys?limit=ten")).status());
        assertEquals(400, api.get(api.ns(ns, "/keys?cursor=%25%25%25")).status());
    }

    @Test
    void aCursorTheSandboxDidNotHandOutIsRefused() throws IOException {
        String ns = api.createNamespace("CURSORS");
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 15; i++) {
            items.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
        }
        assertEquals(
                200,
                api.putJson(api.ns(ns, "/bulk"), items.append("]").toString()).status());
        String cursor = api.get(api.ns(ns, "/keys?limit=10"))
                .json()
                .path("result_info")
                .path("cursor")
                .asText();
        assertEquals(
                5,
                api.get(api.ns(ns, "/keys?limit=10&cursor=" + cursor))
                        .json()
                        .path("result")
                        .size());

        // "garbage" is valid base64url (5 bytes) and a key that sorts in the middle: not a position.
        String tampered = (cursor.startsWith("A") ? "B" : "A") + cursor.substring(1);
        for (String bad : List.of("garbage", tampered, cursor.substring(0, 4))) {
            Api.Reply r = api.get(api.ns(ns, "/keys?limit=10&cursor=" + bad));
            assertEquals(400, r.status(), bad);
            assertEquals(10026, r.errorCode());
            assertEquals(
                    "Invalid cursor '" + bad + "'.",
                    r.json().path("errors").path(0).path("message").asText());
        }
    }

    @Test
    void multipartPutWithMetadataAndTtl() throws IOException {
        RequestBody body = new MultipartBody.Builder("----formdata-undici-045676979056")
                .setType(MultipartBody.FORM)
                .addFormDataPart("value", "VALUE")
                .addFormDataPart("metadata", "{\"a\":1}")
                .build();
        long now = clock.instant().getEpochSecond();
        assertEquals(200, api.put(value("k") + "?expiration_ttl=3600", body).status());
        Api.Reply get = api.get(value("k"));
        assertEquals("VALUE", get.text());
        assertEquals(String.valueOf(now + 3600), get.header("expiration"));
        assertEquals(
                "{\"a\":1}",
                api.get(api.ns(ns, "/metadata/k")).json().path("result").toString());
        JsonNode item = api.get(api.ns(ns, "/keys")).json().path("result").path(0);
        assertEquals("k", item.path("name").asText());
        assertEquals(now + 3600, item.path("expiration").asLong());
        assertEquals(1, item.path("metadata").path("a").asInt());
    }

    @Test
    void aMalformedMultipartBodyIsA400With10028AndWritesNothing() throws IOException {
        Api.Reply bad = api.put(
                value("m"),
                RequestBody.create(
                        "--xYz\r\nno header end".getBytes(StandardCharsets.US_ASCII),
                        okhttp3.MediaType.get("multipart/form-data; boundary=xYz")));
        assertEquals(400, bad.status());
        assertEquals(10028, bad.errorCode());
        assertEquals(404, api.get(value("m")).status());
    }

    @Test
    void multipartIsBinarySafe() throws IOException {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        // boundary-like bytes inside the value that are not preceded by CRLF
        byte[] trap = "--boundary\r\n--boundar".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(trap, 0, bytes, 100, trap.length);
        RequestBody body = new MultipartBody.Builder("boundary")
                .setType(MultipartBody.FORM)
                .addFormDataPart("value", "blob.bin", RequestBody.create(bytes, Api.OCTETS))
                .build();
        assertEquals(200, api.put(value("bin"), body).status());
        assertArrayEquals(bytes, api.get(value("bin")).body());
        assertTrue(api.get(api.ns(ns, "/metadata/bin")).json().path("result").isNull());
    }

    @Test
    void binaryRoundTripAndAbsoluteExpiration() throws IOException {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0xFE, '\r', '\n'};
        long exp = clock.instant().getEpochSecond() + 600;
        assertEquals(
                200,
                api.put(value("bin") + "?expiration=" + exp, RequestBody.create(bytes, Api.OCTETS))
                        .status());
        Api.Reply r = api.get(value("bin"));
        assertArrayEquals(bytes, r.body());
        assertEquals(String.valueOf(exp), r.header("expiration"));
        assertEquals(
                200,
                api.put(value("empty"), RequestBody.create(new byte[0], Api.OCTETS))
                        .status());
        Api.Reply empty = api.get(value("empty"));
        assertEquals(200, empty.status());
        assertEquals(0, empty.body().length);
    }

    @Test
    void expirationRules() throws IOException {
        long now = clock.instant().getEpochSecond();
        Api.Reply shortTtl = api.put(value("k") + "?expiration_ttl=30", RequestBody.create("v", Api.OCTETS));
        assertEquals(400, shortTtl.status());
        assertEquals(
                "Invalid expiration_ttl of 30. Expiration TTL must be at least 60.",
                shortTtl.json().path("errors").path(0).path("message").asText());
        assertEquals(
                400,
                api.put(value("k") + "?expiration=" + (now + 59), RequestBody.create("v", Api.OCTETS))
                        .status());
        assertEquals(
                400,
                api.put(value("k") + "?expiration=" + (now - 10), RequestBody.create("v", Api.OCTETS))
                        .status());
        assertEquals(
                400,
                api.put(value("k") + "?expiration_ttl=soon", RequestBody.create("v", Api.OCTETS))
                        .status());
        // TTL wins over a bad absolute expiration
        assertEquals(
                200,
                api.put(value("k") + "?expiration=1&expiration_ttl=60", RequestBody.create("v", Api.OCTETS))
                        .status());
        assertEquals(String.valueOf(now + 60), api.get(value("k")).header("expiration"));
    }

    @Test
    void expiredKeysDisappearFromEveryRead() throws IOException {
        putText("stays", "s");
        assertEquals(
                200,
                api.put(value("goes") + "?expiration_ttl=60", RequestBody.create("g", Api.OCTETS))
                        .status());
        assertEquals(
                List.of("goes", "stays"), names(api.get(api.ns(ns, "/keys")).json()));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(200, api.get(value("goes")).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(404, api.get(value("goes")).status());
        assertEquals(404, api.get(api.ns(ns, "/metadata/goes")).status());
        assertEquals(List.of("stays"), names(api.get(api.ns(ns, "/keys")).json()));
        JsonNode bulk = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"goes\",\"stays\"]}")
                .json();
        assertTrue(bulk.path("result").path("values").path("goes").isNull());
        assertEquals("s", bulk.path("result").path("values").path("stays").asText());
    }

    @Test
    void keyNameRules() throws IOException, InterruptedException {
        String long512 = "é".repeat(256);
        assertEquals(200, putText(long512, "ok").status());
        assertEquals("ok", api.get(value(long512)).text());
        Api.Reply tooLong = putText("x".repeat(513), "no");
        assertEquals(414, tooLong.status());
        assertFalse(tooLong.json().path("success").asBoolean());
        assertEquals(400, api.get(api.ns(ns, "/values/%FF")).status(), "keys must be UTF-8");

        // OkHttp normalizes dot segments away, so send these with the JDK client
        HttpClient jdk = HttpClient.newHttpClient();
        for (String dot : List.of(".", "..")) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.ns(ns, "/values/" + dot)))
                    .header("Authorization", "Bearer " + server.token())
                    .PUT(HttpRequest.BodyPublishers.ofString("v"))
                    .build();
            HttpResponse<String> r = jdk.send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("Illegal key name"), r.body());
        }
    }

    @Test
    void metadataRules() throws IOException {
        RequestBody big = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("value", "v")
                .addFormDataPart("metadata", "{\"pad\":\"" + "x".repeat(1100) + "\"}")
                .build();
        assertEquals(413, api.put(value("m"), big).status());
        RequestBody notJson = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("value", "v")
                .addFormDataPart("metadata", "{nope")
                .build();
        assertEquals(400, api.put(value("m"), notJson).status());
        RequestBody noValue = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("metadata", "{}")
                .build();
        assertEquals(400, api.put(value("m"), noValue).status());
    }

    @Test
    void valueOver25MiBIs413() throws IOException {
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        Api.Reply r = api.put(value("big"), RequestBody.create(big, Api.OCTETS));
        assertEquals(413, r.status());
        assertEquals(404, api.get(value("big")).status());
        assertEquals(
                200,
                api.put(value("big"), RequestBody.create(new byte[25 * 1024 * 1024], Api.OCTETS))
                        .status());
    }

    @Test
    void deleteOneKey() throws IOException {
        putText("k", "v");
        Api.Reply d = api.delete(value("k"));
        assertEquals(200, d.status());
        assertTrue(d.json().path("success").asBoolean());
        assertEquals(404, api.get(value("k")).status());
        assertEquals(200, api.delete(value("never-there")).status());
        assertEquals(
                200,
                api.call("PUT", value("k"), RequestBody.create("v2", Api.OCTETS), Map.of())
                        .status());
    }

    @Test
    void expiredKeysLeaveShortPagesButTheCursorGoesOn() throws IOException {
        for (int i = 0; i < 15; i++) {
            api.put(value(String.format("a%02d", i)) + "?expiration_ttl=60", RequestBody.create("x", Api.OCTETS));
        }
        for (int i = 0; i < 5; i++) {
            putText(String.format("b%02d", i), "y");
        }
        clock.advance(Duration.ofMinutes(2));
        JsonNode first = api.get(api.ns(ns, "/keys?limit=10")).json();
        assertEquals(0, first.path("result").size(), "ten expired keys fill the first page");
        String cursor = first.path("result_info").path("cursor").asText();
        assertFalse(cursor.isEmpty(), "but the list goes on");
        JsonNode second = api.get(api.ns(ns, "/keys?limit=10&cursor=" + cursor)).json();
        assertEquals(List.of("b00", "b01", "b02", "b03", "b04"), names(second));
        assertEquals("", second.path("result_info").path("cursor").asText());
    }

    @Test
    void concurrentWritersAndReaders() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        String k = "t" + thread + "/" + i;
                        assertEquals(200, putText(k, k).status());
                        assertEquals(k, api.get(value(k)).text());
                        api.get(api.ns(ns, "/keys?limit=10"));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(320, SeedingTest.listAll(api, ns).size());
    }

    static List<String> names(JsonNode listReply) {
        List<String> out = new ArrayList<>();
        listReply.path("result").forEach(n -> out.add(n.path("name").asText()));
        return out;
    }
}
