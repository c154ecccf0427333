package dev.landfall.serve.workerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.serve.CacheSettings;
import dev.landfall.serve.KvService;
import dev.landfall.serve.ListenAddress;
import dev.landfall.serve.MountedRoutes;
import dev.landfall.serve.ServeConfig;
import dev.landfall.serve.ServeServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real workerd binary running unchanged Workers KV code ({@code kv-worker.mjs}) with its KV
 * binding pointed at {@link WorkerdKvHandler}, over each kind of store serve can serve. Expiry is
 * proved without waiting: absolute expirations far in the future are checked where they are
 * stored, and entries that expired long ago are written to the store directly.
 */
class WorkerdBindingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class OverMemory extends Scenarios {
        @Override
        KvAccess open(Path dir) {
            return new MemoryKvAccess();
        }
    }

    @Nested
    class OverSqlite extends Scenarios {
        @Override
        KvAccess open(Path dir) throws IOException {
            return StoreRegistry.openKvAccess("--store", StoreUri.parse("sqlite:" + dir.resolve("served.db")));
        }
    }

    @Nested
    class OverPostgres extends Scenarios {
        @Override
        KvAccess open(Path dir) throws IOException {
            return StoreRegistry.openKvAccess(
                    "--store", StoreUri.parse(StoreServers.url("LANDFALL_PG_URL", "postgres")));
        }
    }

    @Nested
    class OverRedis extends Scenarios {
        @Override
        KvAccess open(Path dir) throws IOException {
            return StoreRegistry.openKvAccess(
                    "--store", StoreUri.parse(StoreServers.url("LANDFALL_REDIS_URL", "redis")));
        }
    }

    /**
     * A binding whose external service does not inject the namespace header, the easy mistake in
     * workerd's config: every KV call fails in the Worker with serve's 400, which tells how to set the
     * header, where a get used to return null as if the key were missing.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutTheNamespaceHeader {
        private final HttpClient http = HttpClient.newHttpClient();
        private final KvNamespace namespace = new KvNamespace("0123456789abcdef0123456789abcdef", "WORKERD_IT");
        private final MemoryKvAccess store = new MemoryKvAccess().with(namespace);
        private ServeServer server;
        private WorkerdPeer workerd;

        @BeforeAll
        void start() throws Exception {
            Optional<Path> binary = WorkerdPeer.locateForTests();
            assumeTrue(binary.isPresent(), "workerd is not installed: run npm ci --prefix test-peers");
            store.put(new Entry(namespace, Key.of("seed"), new byte[] {1}, null, null));
            KvService kv = new KvService(store, new CacheSettings(1 << 20, Duration.ofSeconds(30)), Clock.systemUTC());
            server = ServeServer.start(
                    new ServeConfig(
                            ListenAddress.parse("127.0.0.1:0"),
                            Optional.empty(),
                            kv.cacheSettings(),
                            8,
                            Duration.ofSeconds(5)),
                    kv,
                    MountedRoutes.of(kv),
                    Clock.systemUTC());
            workerd = WorkerdPeer.start(
                    binary.get(),
                    Files.createTempDirectory("workerd-no-header-it"),
                    "127.0.0.1:" + server.address().getPort(),
                    null);
        }

        @AfterAll
        void stop() throws Exception {
            if (workerd != null) {
                workerd.close();
            }
            if (server != null) {
                server.close();
            }
        }

        private String error(String op, String key, Object value) throws Exception {
            ObjectNode call = JSON.createObjectNode().put("op", op);
            call.set("key", JSON.valueToTree(key));
            call.set("value", JSON.valueToTree(value));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(workerd.url() + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString(call.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode())
                    .as("the Worker's KV call fails: %s (workerd log: %s)", r.body(), workerd.log())
                    .isEqualTo(500);
            return r.body();
        }

        @Test
        void everyKvCallFailsWithServes400InsteadOfReadingAsMissing() throws Exception {
            assertThat(error("get", "seed", null)).startsWith("KV GET failed: 400");
            assertThat(error("put", "k", "v")).startsWith("KV PUT failed: 400");
            assertThat(error("delete", "seed", null)).startsWith("KV DELETE failed: 400");
            assertThat(error("list", null, null)).startsWith("KV GET failed: 400");
            assertThat(store.get(namespace, Key.of("k"), 0)).isEmpty();
            assertThat(store.get(namespace, Key.of("seed"), 0)).isPresent();
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {
        private final HttpClient http = HttpClient.newHttpClient();
        private KvNamespace namespace;
        private KvAccess store;
        private ServeServer server;
        private WorkerdPeer workerd;
        private Path dir;

        /** The store under test, empty or holding other namespaces. */
        abstract KvAccess open(Path dir) throws IOException;

        @BeforeAll
        void start() throws Exception {
            Optional<Path> binary = WorkerdPeer.locateForTests();
            assumeTrue(binary.isPresent(), "workerd is not installed: run npm ci --prefix test-peers");
            dir = Files.createTempDirectory("workerd-binding-it");
            store = open(dir);
            // A fresh namespace per run: the PostgreSQL server is shared by every test that runs.
            namespace = new KvNamespace(HexFormat.of().formatHex(uuidBytes()), "WORKERD_IT");
            store.put(new Entry(namespace, Key.of("seed"), new byte[] {1}, null, null));
            KvService kv = new KvService(store, new CacheSettings(1 << 20, Duration.ofSeconds(30)), Clock.systemUTC());
            // The service as `landfall serve` runs it: workerd's requests reach the handler through
            // serve's own routing (the namespace header), beside the REST routes and z-pages.
            server = ServeServer.start(
                    new ServeConfig(
                            ListenAddress.parse("127.0.0.1:0"),
                            Optional.empty(),
                            kv.cacheSettings(),
                            8,
                            Duration.ofSeconds(5)),
                    kv,
                    MountedRoutes.of(kv),
                    Clock.systemUTC());
            workerd = WorkerdPeer.start(
                    binary.get(), dir, "127.0.0.1:" + server.address().getPort(), namespace.namespaceId());
        }

        @AfterAll
        void stop() throws Exception {
            if (workerd != null) {
                workerd.close();
            }
            if (server != null) {
                server.close();
            }
            if (store != null) {
                store.close();
            }
        }

        private static byte[] uuidBytes() {
            UUID u = UUID.randomUUID();
            return java.nio.ByteBuffer.allocate(16)
                    .putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits())
                    .array();
        }

        /** Runs one KV call in the Worker: its JSON result, or the error KV threw as {@code {"error": message}}. */
        private JsonNode worker(String op, String key, Object value, Object options) throws Exception {
            ObjectNode call = JSON.createObjectNode().put("op", op);
            call.set("key", JSON.valueToTree(key));
            call.set("value", JSON.valueToTree(value));
            call.set("options", JSON.valueToTree(options));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(workerd.url() + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString(call.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 500) {
                return JSON.createObjectNode().put("error", r.body());
            }
            assertThat(r.statusCode())
                    .as("worker answer %s (workerd log: %s)", r.body(), workerd.log())
                    .isEqualTo(200);
            return JSON.readTree(r.body());
        }

        private Entry stored(String key) throws IOException {
            return store.get(namespace, Key.of(key), Clock.systemUTC().instant().getEpochSecond())
                    .orElseThrow();
        }

        @Test
        void putWithMetadataAndExpirationThenGetWithMetadata() throws Exception {
            long farFuture = 2_000_000_000L; // 2033; workerd takes expiration as a 32-bit integer
            assertThat(worker(
                            "put",
                            "user:ada",
                            "Ada Lovelace",
                            java.util.Map.of(
                                    "metadata", java.util.Map.of("role", "admin", "n", 1), "expiration", farFuture)))
                    .hasToString("{\"ok\":true}");

            JsonNode got = worker("getWithMetadata", "user:ada", null, null);
            assertThat(got.get("value").asText()).isEqualTo("Ada Lovelace");
            assertThat(got.get("metadata").get("role").asText()).isEqualTo("admin");
            assertThat(got.get("metadata").get("n").asInt()).isEqualTo(1);
            assertThat(stored("user:ada").expiration()).isEqualTo(farFuture);
            assertThat(worker("get", "user:ada", null, null).get("value").asText())
                    .isEqualTo("Ada Lovelace");
        }

        @Test
        void expirationTtlIsStoredAsAnAbsoluteTimeFromNow() throws Exception {
            long before = Clock.systemUTC().instant().getEpochSecond();
            worker("put", "session", "s", java.util.Map.of("expirationTtl", 3600));
            long after = Clock.systemUTC().instant().getEpochSecond();
            assertThat(stored("session").expiration()).isBetween(before + 3600, after + 3600);
        }

        @Test
        void typesAndMissingKeysReadAsKvReadsThem() throws Exception {
            assertThat(worker("get", "never-written", null, null).get("value").isNull())
                    .isTrue();
            assertThat(worker("getWithMetadata", "never-written", null, null)
                            .get("metadata")
                            .isNull())
                    .isTrue();

            worker("put", "json", "{\"a\":[1,2]}", null);
            assertThat(worker("get", "json", null, java.util.Map.of("type", "json"))
                            .get("value")
                            .get("a")
                            .get(1)
                            .asInt())
                    .isEqualTo(2);

            worker("putBytes", "bytes", List.of(0, 255, 128, 10), null);
            assertThat(stored("bytes").value()).containsExactly(0, 255, 128, 10);
            assertThat(worker("getBytes", "bytes", null, null).get("value").toString())
                    .isEqualTo("[0,255,128,10]");
        }

        @Test
        void keysWithSlashesSpacesAndNonAsciiRoundTrip() throws Exception {
            String key = "path/to a+b?c#d/é✓";
            worker("put", key, "odd", java.util.Map.of("metadata", java.util.Map.of("name", "Zoë")));
            assertThat(stored(key).value()).isEqualTo("odd".getBytes(StandardCharsets.UTF_8));
            assertThat(stored(key).metadataJson()).contains("Zoë");
            JsonNode got = worker("getWithMetadata", key, null, null);
            assertThat(got.get("value").asText()).isEqualTo("odd");
            assertThat(got.get("metadata").get("name").asText()).isEqualTo("Zoë");
        }

        @Test
        void listPagesByPrefixWithCursorMetadataAndExpiration() throws Exception {
            long farFuture = 2_000_000_000L;
            for (int i = 1; i <= 5; i++) {
                worker(
                        "put",
                        "list:" + i,
                        "v" + i,
                        java.util.Map.of("metadata", java.util.Map.of("i", i), "expiration", farFuture));
            }
            worker("put", "listx", "not in the prefix", null);
            List<String> names = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var options = new java.util.HashMap<String, Object>(java.util.Map.of("prefix", "list:", "limit", 2));
                if (cursor != null) {
                    options.put("cursor", cursor);
                }
                JsonNode page = worker("list", null, null, options);
                for (JsonNode k : page.get("keys")) {
                    names.add(k.get("name").asText());
                    assertThat(k.get("metadata").get("i").asInt()).isEqualTo(names.size());
                    assertThat(k.get("expiration").asLong()).isEqualTo(farFuture);
                }
                cursor = page.get("list_complete").asBoolean()
                        ? null
                        : page.get("cursor").asText();
                pages++;
            } while (cursor != null);
            assertThat(names).containsExactly("list:1", "list:2", "list:3", "list:4", "list:5");
            assertThat(pages).isEqualTo(3);
        }

        @Test
        void deleteRemovesTheKey() throws Exception {
            worker("put", "doomed", "x", null);
            assertThat(worker("delete", "doomed", null, null).path("ok").asBoolean())
                    .isTrue();
            assertThat(worker("get", "doomed", null, null).get("value").isNull())
                    .isTrue();
            assertThat(store.get(namespace, Key.of("doomed"), 0)).isEmpty();
            assertThat(worker("delete", "doomed", null, null).path("ok").asBoolean())
                    .isTrue();
        }

        @Test
        void entriesThatExpiredAreInvisibleToTheWorker() throws Exception {
            store.put(new Entry(
                    namespace, Key.of("expired:old"), "gone".getBytes(StandardCharsets.UTF_8), null, 1_000_000_000L));
            assertThat(worker("get", "expired:old", null, null).get("value").isNull())
                    .isTrue();
            assertThat(worker("list", null, null, java.util.Map.of("prefix", "expired:"))
                            .get("keys"))
                    .isEmpty();
        }

        @Test
        void bulkGetAnswersEveryKeyWithNullForTheMissing() throws Exception {
            worker("put", "many:a", "A", java.util.Map.of("metadata", java.util.Map.of("x", true)));
            JsonNode many = worker("getMany", null, null, null);
            assertThat(many.has("error")).as("a key is needed").isTrue();
            JsonNode got = callGetMany(List.of("many:a", "many:b"));
            assertThat(got.get("many:a").asText()).isEqualTo("A");
            assertThat(got.get("many:b").isNull()).isTrue();
        }

        private JsonNode callGetMany(List<String> keys) throws Exception {
            ObjectNode call = JSON.createObjectNode().put("op", "getMany");
            call.set("key", JSON.valueToTree(keys));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(workerd.url() + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString(call.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        @Test
        void kvLimitsReachTheWorkerAsKvErrors() throws Exception {
            assertThat(worker("put", "short", "x", java.util.Map.of("expirationTtl", 30))
                            .path("error")
                            .asText())
                    .startsWith("KV PUT failed: 400");
            assertThat(worker("put", "past", "x", java.util.Map.of("expiration", 1_000_000_000L))
                            .path("error")
                            .asText())
                    .startsWith("KV PUT failed: 400");
            assertThat(worker("put", "big-meta", "x", java.util.Map.of("metadata", "m".repeat(1100)))
                            .path("error")
                            .asText())
                    .startsWith("KV PUT failed: 413");
            assertThat(worker("list", null, null, java.util.Map.of("cursor", "not-a-cursor"))
                            .path("error")
                            .asText())
                    .startsWith("KV GET failed: 400");
            assertThat(store.get(namespace, Key.of("short"), 0)).isEmpty();
            assertThat(store.get(namespace, Key.of("past"), 0)).isEmpty();
            assertThat(store.get(namespace, Key.of("big-meta"), 0)).isEmpty();
        }
    }
}
