package dev.landfall.serve.workerd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.time.FakeClock;
import dev.landfall.serve.CacheSettings;
import dev.landfall.serve.KvService;
import dev.landfall.serve.ListenAddress;
import dev.landfall.serve.ServeConfig;
import dev.landfall.serve.ServeRoute;
import dev.landfall.serve.ServeServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests workerd's KV binding sends (src/workerd/api/kv.c++), answered over a memory store. */
class WorkerdKvHandlerTest {
    private static final KvNamespace NS = new KvNamespace("0123456789abcdef0123456789abcdef", "CONFIG");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType TEXT = MediaType.get("text/plain;charset=UTF-8");

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryKvAccess store = new MemoryKvAccess().with(NS);
    private final OkHttpClient http = new OkHttpClient();
    private ServeServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        KvService kv = new KvService(
                store,
                new CacheSettings(1 << 20, Duration.ofSeconds(10)),
                clock,
                () -> clock.millis() * 1_000_000L,
                Runnable::run);
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("127.0.0.1:0"), Optional.empty(), kv.cacheSettings(), 4, Duration.ofSeconds(5));
        // Every request to the handler, the namespace header or not: serve routes by that header
        // (ServeServerTest), and the handler must still refuse a request without it.
        server = ServeServer.start(
                config, kv, List.of(new ServeRoute("workerd", r -> true, new WorkerdKvHandler(kv))), clock);
        base = server.url();
    }

    @AfterEach
    void stop() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private Request.Builder request(String pathAndQuery) {
        return new Request.Builder()
                .url(base + pathAndQuery)
                .header("Host", "fake-host")
                .header(WorkerdKvHandler.NAMESPACE_HEADER, NS.namespaceId());
    }

    private Response call(Request.Builder request) throws IOException {
        return http.newCall(request.build()).execute();
    }

    private Response put(String encodedKey, String query, String value, String metadata) throws IOException {
        Request.Builder r =
                request("/" + encodedKey + "?urlencoded=true" + query).put(RequestBody.create(value, TEXT));
        if (metadata != null) {
            // workerd sends the JSON's UTF-8 bytes as they are, which OkHttp allows only when told to.
            r.headers(r.build()
                    .headers()
                    .newBuilder()
                    .addUnsafeNonAscii("CF-KV-Metadata", metadata)
                    .build());
        }
        return call(r);
    }

    @Test
    void putThenGetCarriesValueMetadataAndExpirationInWorkerdsShape() throws IOException {
        long expiration = clock.epochSecond() + 3600;
        try (Response put = put("greeting", "&expiration=" + expiration, "hello", "{\"lang\":\"en\"}")) {
            assertThat(put.code()).isEqualTo(200);
        }
        try (Response get = call(request("/greeting?urlencoded=true"))) {
            assertThat(get.code()).isEqualTo(200);
            assertThat(get.body().string()).isEqualTo("hello");
            assertThat(get.header("CF-KV-Metadata")).isEqualTo("{\"lang\":\"en\"}");
            assertThat(get.header("CF-Expiration")).isEqualTo(Long.toString(expiration));
        }
        assertThat(store.get(NS, Key.of("greeting"), clock.epochSecond())
                        .orElseThrow()
                        .expiration())
                .isEqualTo(expiration);
    }

    @Test
    void expirationTtlCountsFromTheServiceClock() throws IOException {
        try (Response put = put("t", "&expiration_ttl=120", "v", null)) {
            assertThat(put.code()).isEqualTo(200);
        }
        assertThat(store.get(NS, Key.of("t"), clock.epochSecond()).orElseThrow().expiration())
                .isEqualTo(clock.epochSecond() + 120);
    }

    @Test
    void aMissingKeyIsA404WhichWorkerdReadsAsNull() throws IOException {
        try (Response get = call(request("/nothing?urlencoded=true"))) {
            assertThat(get.code()).isEqualTo(404);
        }
    }

    @Test
    void percentEncodedKeysRoundTripAsTheirUtf8Bytes() throws IOException {
        try (Response put = put("a%2Fb%20c%2B%C3%A9", "", "slashy", null)) {
            assertThat(put.code()).isEqualTo(200);
        }
        assertThat(store.get(NS, Key.of("a/b c+é"), clock.epochSecond())).isPresent();
        try (Response get = call(request("/a%2Fb%20c%2B%C3%A9?urlencoded=true"))) {
            assertThat(get.body().string()).isEqualTo("slashy");
        }
        try (Response delete =
                call(request("/a%2Fb%20c%2B%C3%A9?urlencoded=true").delete())) {
            assertThat(delete.code()).isEqualTo(200);
        }
        assertThat(store.get(NS, Key.of("a/b c+é"), clock.epochSecond())).isEmpty();
    }

    @Test
    void nonAsciiMetadataSurvivesTheLatin1HeaderCodec() throws IOException {
        try (Response put = put("m", "", "v", "{\"name\":\"Zoë\"}")) {
            assertThat(put.code()).isEqualTo(200);
        }
        assertThat(store.get(NS, Key.of("m"), clock.epochSecond()).orElseThrow().metadataJson())
                .isEqualTo("{\"name\":\"Zoë\"}");
    }

    @Test
    void listPagesWithCursorAndGivesMetadataAsAJsonString() throws Exception {
        for (String k : List.of("user:1", "user:2", "user:3", "other")) {
            store.put(new Entry(NS, Key.of(k), "v".getBytes(StandardCharsets.UTF_8), "{\"k\":\"" + k + "\"}", null));
        }
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String q = "/?key_count_limit=2&prefix=user%3A" + (cursor == null ? "" : "&cursor=" + cursor);
            try (Response list = call(request(q))) {
                assertThat(list.code()).isEqualTo(200);
                JsonNode body = JSON.readTree(list.body().string());
                body.get("keys").forEach(k -> names.add(k.get("name").asText()));
                assertThat(body.get("keys").get(0).get("metadata").isTextual()).isTrue();
                cursor = body.get("list_complete").asBoolean()
                        ? null
                        : body.get("cursor").asText();
            }
            pages++;
        } while (cursor != null);
        assertThat(names).containsExactly("user:1", "user:2", "user:3");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void theQueryIsFormDecodedAndMustBeUtf8() throws Exception {
        store.put(new Entry(NS, Key.of("a b"), "v".getBytes(StandardCharsets.UTF_8), null, null));
        try (Response list = call(request("/?prefix=a+"))) {
            assertThat(list.code()).isEqualTo(200);
            JsonNode keys = JSON.readTree(list.body().string()).get("keys");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).get("name").asText()).isEqualTo("a b");
        }
        try (Response list = call(request("/?prefix=%FF"))) {
            assertThat(list.code()).isEqualTo(400);
            assertThat(list.body().string()).contains("Could not URL-decode the query string.");
        }
    }

    @Test
    void expiredEntriesAreInvisibleToGetAndList() throws Exception {
        store.put(new Entry(NS, Key.of("gone"), new byte[] {1}, null, clock.epochSecond() - 1));
        try (Response get = call(request("/gone?urlencoded=true"))) {
            assertThat(get.code()).isEqualTo(404);
        }
        try (Response list = call(request("/"))) {
            JsonNode body = JSON.readTree(list.body().string());
            assertThat(body.get("keys")).isEmpty();
            assertThat(body.get("list_complete").asBoolean()).isTrue();
        }
    }

    @Test
    void kvLimitsComeBackWithKvsStatusesAndMessages() throws IOException {
        try (Response r = put("k", "&expiration_ttl=59", "v", null)) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("Expiration TTL must be at least 60");
        }
        try (Response r = put("k", "&expiration=" + (clock.epochSecond() - 10), "v", null)) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("Invalid expiration of");
        }
        try (Response r = put("k", "", "v", "{\"a\":\"" + "x".repeat(1100) + "\"}")) {
            assertThat(r.code()).isEqualTo(413);
            assertThat(r.body().string()).contains("Metadata length of");
        }
        try (Response r = put("x".repeat(513), "", "v", null)) {
            assertThat(r.code()).isEqualTo(414);
        }
        try (Response r = call(request("/?key_count_limit=1001"))) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = call(request("/?cursor=not-ours"))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("Invalid cursor");
        }
        assertThat(store.get(NS, Key.of("k"), clock.epochSecond())).isEmpty();
    }

    @Test
    void aBindingWithoutOrWithAnUnknownNamespaceIsRefusedLoudlyNotReadAsMissing() throws IOException {
        try (Response r = call(request("/k?urlencoded=true").removeHeader(WorkerdKvHandler.NAMESPACE_HEADER))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string())
                    .startsWith("No " + WorkerdKvHandler.NAMESPACE_HEADER + " header")
                    .contains("injectRequestHeaders = [(name = \"" + WorkerdKvHandler.NAMESPACE_HEADER + "\"");
        }
        try (Response r = call(request("/k?urlencoded=true").header(WorkerdKvHandler.NAMESPACE_HEADER, " "))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string())
                    .startsWith("The " + WorkerdKvHandler.NAMESPACE_HEADER + " header is empty")
                    .contains("injectRequestHeaders");
        }
        try (Response r = call(request("/k?urlencoded=true").header(WorkerdKvHandler.NAMESPACE_HEADER, "nope"))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("nope").contains("not in the store");
        }
    }

    @Test
    void anUnreachableStoreIs503() throws IOException {
        store.failing(true);
        try (Response r = call(request("/never-cached?urlencoded=true"))) {
            assertThat(r.code()).isEqualTo(503);
        }
    }

    @Test
    void bulkGetAnswersOneObjectWithNullForMissingKeys() throws Exception {
        store.put(new Entry(NS, Key.of("a"), "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "{\"m\":true}", null));
        String body = "{\"keys\":[\"a\",\"b\"],\"type\":\"json\",\"withMetadata\":true}";
        try (Response r =
                call(request("/bulk/get").post(RequestBody.create(body, MediaType.get("application/json"))))) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode answer = JSON.readTree(r.body().string());
            assertThat(answer.get("a").get("value").get("n").asInt()).isEqualTo(1);
            assertThat(answer.get("a").get("metadata").get("m").asBoolean()).isTrue();
            assertThat(answer.get("b").isNull()).isTrue();
        }
    }
}
