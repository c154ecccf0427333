package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.Key;
import dev.landfall.core.time.FakeClock;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KV routes of the sandbox's export Worker (docs/export-worker-protocol.md §3): every namespace
 * is bound under its title, keys page in KV's order with the REST list's cursors, and values come
 * back byte-exact; the protocol's 400s and 404s.
 */
class ExportWorkerKvTest {
    private FakeClock clock;
    private SandboxServer server;
    private Api worker;
    private KvNamespaceState flags;

    @BeforeEach
    void start() {
        clock = new FakeClock();
        server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .seedKv(List.of(KvSeed.parse("SESSIONS=40:16"), KvSeed.parse("FLAGS=3:8")))
                        .build(),
                clock);
        worker = new Api(server, server.exportSecret());
        flags = server.kvStore().all().stream()
                .filter(n -> n.title().equals("FLAGS"))
                .findFirst()
                .orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.exportWorkerUrl() + "/landfall/v1/" + path;
    }

    private Api.Reply post(String path, String body) throws IOException {
        return worker.postJson(url(path), body);
    }

    @Test
    void infoListsEveryNamespaceByTitleSortedAndOneCreatedLater() throws IOException {
        assertEquals(
                List.of("FLAGS", "SESSIONS"),
                texts(worker.get(url("info")).json().path("kv")));
        server.kvStore().create("ARCHIVE");
        assertEquals(
                List.of("ARCHIVE", "FLAGS", "SESSIONS"),
                texts(worker.get(url("info")).json().path("kv")));
    }

    @Test
    void keysPageInKvOrderWithCursorsAndAgreeWithTheRestList() throws IOException {
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = cursor == null ? "{\"limit\":7}" : "{\"limit\":7,\"cursor\":\"" + cursor + "\"}";
            Api.Reply r = post("kv/SESSIONS/keys", body);
            assertEquals(200, r.status(), r.text());
            assertEquals("no-store", r.header("Cache-Control"));
            JsonNode page = r.json();
            assertTrue(page.path("keys").size() <= 7);
            page.path("keys").forEach(k -> paged.add(k.path("name").asText()));
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            pages++;
        } while (cursor != null);
        assertEquals(6, pages, "40 keys, 7 a page");
        String sessions = server.kvStore().all().stream()
                .filter(n -> n.title().equals("SESSIONS"))
                .findFirst()
                .orElseThrow()
                .id();
        JsonNode rest =
                new Api(server).get(new Api(server).ns(sessions, "/keys")).json();
        List<String> truth = new ArrayList<>();
        rest.path("result").forEach(k -> truth.add(k.path("name").asText()));
        assertEquals(truth, paged);
        assertTrue(post("kv/SESSIONS/keys", "{}").json().path("cursor").isNull(), "one page of 1000 holds them all");
    }

    @Test
    void keysCarryExpirationAndMetadataOnlyWhenTheyHaveThemAndExpiredKeysAreGone() throws IOException {
        long now = clock.epochSecond();
        flags.put(new KvItem(Key.of("a-meta"), KvValue.of(new byte[] {1}), "{\"v\":1}", now + 3600));
        flags.put(new KvItem(Key.of("a-plain"), KvValue.of(new byte[] {2}), null, null));
        flags.put(new KvItem(Key.of("a-gone"), KvValue.of(new byte[] {3}), null, now + 10));
        clock.advance(Duration.ofSeconds(10));
        JsonNode keys = post("kv/FLAGS/keys", "{\"prefix\":\"a-\"}").json().path("keys");
        assertEquals(2, keys.size(), keys.toString());
        assertEquals("a-meta", keys.get(0).path("name").asText());
        assertEquals(now + 3600, keys.get(0).path("expiration").asLong());
        assertEquals(1, keys.get(0).path("metadata").path("v").asInt());
        assertEquals("a-plain", keys.get(1).path("name").asText());
        assertFalse(
                keys.get(1).has("expiration") || keys.get(1).has("metadata"),
                keys.get(1).toString());
    }

    @Test
    void valuesAreByteExactInTheOrderAskedAndMissingKeysSaySo() throws IOException {
        byte[] binary = {0, 1, 2, (byte) 255, (byte) 254};
        flags.put(new KvItem(Key.of("binary"), KvValue.of(binary), "{\"tags\":[\"a\"]}", null));
        flags.put(new KvItem(Key.of("expired"), KvValue.of(binary), null, clock.epochSecond()));
        Api.Reply r = post("kv/FLAGS/values", "{\"keys\":[\"nope\",\"binary\",\"expired\"]}");
        assertEquals(200, r.status(), r.text());
        JsonNode values = r.json().path("values");
        assertEquals(List.of("nope", "binary", "expired"), texts(values, "key"));
        assertTrue(values.get(0).path("missing").asBoolean());
        assertEquals(
                Base64.getEncoder().encodeToString(binary),
                values.get(1).path("b64").asText());
        assertEquals("a", values.get(1).path("metadata").path("tags").path(0).asText());
        assertFalse(values.get(1).has("missing"));
        assertTrue(values.get(2).path("missing").asBoolean(), "expiry is inclusive");
    }

    @Test
    void malformedRequestsGet400AndUnknownBindingsOrRoutes404() throws IOException {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("\"k" + i + "\"");
        }
        Map<String, String> bad400 = Map.of(
                "kv/FLAGS/keys", "{\"limit\":0}",
                "kv/SESSIONS/keys", "{\"limit\":1001}",
                "kv/FLAGS/values", "{\"keys\":[" + String.join(",", tooMany) + "]}");
        for (Map.Entry<String, String> e : bad400.entrySet()) {
            Api.Reply r = post(e.getKey(), e.getValue());
            assertEquals(400, r.status(), e.getValue());
            assertTrue(
                    r.json().path("error").asText().contains("at most")
                            || r.text().contains("limit"),
                    r.text());
        }
        assertEquals(400, post("kv/FLAGS/keys", "{\"cursor\":\"!!\"}").status());
        assertEquals(400, post("kv/FLAGS/values", "{\"keys\":[1]}").status());
        assertEquals(400, post("kv/FLAGS/values", "{}").status());
        assertEquals(400, post("kv/FLAGS/keys", "[]").status());
        Api.Reply unknown = post("kv/NOPE/keys", "{}");
        assertEquals(404, unknown.status());
        assertEquals(
                "no KV binding named \"NOPE\"", unknown.json().path("error").asText());
        assertEquals(404, post("kv/FLAGS/elsewhere", "{}").status());
        assertEquals(405, worker.get(url("kv/FLAGS/keys")).status());
        assertEquals(
                401,
                new Api(server, "wrong").postJson(url("kv/FLAGS/keys"), "{}").status());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
