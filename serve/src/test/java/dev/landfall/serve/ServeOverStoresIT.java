package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KV semantics of the REST routes over each real store: byte-exact values, metadata and
 * expiration, keys with slashes and non-ASCII text, list paging in byte order, expired entries
 * invisible. PostgreSQL and Redis come from LANDFALL_PG_URL / LANDFALL_REDIS_URL (bin/stores);
 * without them those cases are skipped, unless LANDFALL_IT_REQUIRED=1.
 */
class ServeOverStoresIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private String storeUri(String kind) {
        return switch (kind) {
            case "sqlite" -> "sqlite:" + dir.resolve("kv.db");
            case "postgres" -> server("LANDFALL_PG_URL");
            case "redis" -> server("LANDFALL_REDIS_URL");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String server(String env) {
        String url = System.getenv(env);
        if (url == null && !"1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            assumeTrue(false, env + " is not set (start the stores with bin/stores)");
        }
        assertThat(url).as(env).isNotNull();
        return url;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "redis"})
    void kvSemanticsHoldOverTheStore(String kind) throws Exception {
        String nsId = UUID.randomUUID().toString().replace("-", "");
        KvNamespace ns = new KvNamespace(nsId, "SERVE_IT");
        KvAccess access = StoreRegistry.openKvAccess("--store", StoreUri.parse(storeUri(kind)));
        long now = Clock.systemUTC().instant().getEpochSecond();
        access.put(new Entry(ns, Key.of("seed"), new byte[] {0, (byte) 0xff, 10}, null, null));
        access.put(new Entry(ns, Key.of("gone"), "old".getBytes(StandardCharsets.UTF_8), null, now - 1));
        KvService kv = new KvService(access, new CacheSettings(1 << 20, Duration.ofSeconds(10)), Clock.systemUTC());
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("127.0.0.1:0"), Optional.empty(), kv.cacheSettings(), 4, Duration.ofSeconds(5));
        try (ServeServer server = ServeServer.start(config, kv, List.of(), Clock.systemUTC())) {
            String base = server.url() + "/client/v4/accounts/any/storage/kv/namespaces/" + nsId;

            assertThat(get(base + "/values/seed").body()).containsExactly(0, 0xff, 10);
            assertThat(get(base + "/values/gone").statusCode())
                    .as("expired is invisible")
                    .isEqualTo(404);

            String body = "--b\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nΩ-value\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"n\":1.50}\r\n--b--\r\n";
            HttpResponse<byte[]> put =
                    send(HttpRequest.newBuilder(URI.create(base + "/values/dir/ü%2F1?expiration_ttl=3600"))
                            .header("Content-Type", "multipart/form-data; boundary=b")
                            .PUT(BodyPublishers.ofString(body)));
            assertThat(put.statusCode())
                    .as(new String(put.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            HttpResponse<byte[]> read = get(base + "/values/dir%2F%C3%BC/1");
            assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("Ω-value");
            long expiration =
                    Long.parseLong(read.headers().firstValue("expiration").orElseThrow());
            assertThat(expiration).isBetween(now + 3600, now + 3700);
            JsonNode meta =
                    JSON.readTree(get(base + "/metadata/dir%2F%C3%BC%2F1").body());
            assertThat(meta.get("result").get("n").decimalValue()).isEqualByComparingTo("1.5");

            List<String> written = new ArrayList<>();
            for (int i = 10; i < 22; i++) {
                written.add("p" + i);
                send(HttpRequest.newBuilder(URI.create(base + "/values/p" + i)).PUT(BodyPublishers.ofString("v" + i)));
            }
            List<String> names = new ArrayList<>();
            String cursor = "";
            JsonNode page;
            do {
                page = JSON.readTree(
                        get(base + "/keys?prefix=p&limit=10&cursor=" + cursor).body());
                page.get("result").forEach(k -> names.add(k.get("name").asText()));
                cursor = page.get("result_info").get("cursor").asText();
            } while (!page.get("result_info").get("list_complete").asBoolean());
            assertThat(names).containsExactlyElementsOf(written);

            JsonNode all = JSON.readTree(get(base + "/keys").body());
            List<String> everything = new ArrayList<>();
            all.get("result").forEach(k -> everything.add(k.get("name").asText()));
            List<String> expected = new ArrayList<>(List.of("dir/ü/1"));
            expected.addAll(written);
            expected.add("seed");
            assertThat(everything).containsExactlyElementsOf(expected);

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/values/seed"))
                                    .DELETE())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(base + "/values/seed").statusCode()).isEqualTo(404);
            assertThat(access.get(ns, Key.of("seed"), now))
                    .as("deleted in the store")
                    .isEmpty();
            assertThat(access.get(ns, Key.of("p13"), now))
                    .as("written to the store")
                    .isPresent();
        }
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofByteArray());
    }
}
