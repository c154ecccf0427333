package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.time.FakeClock;
import dev.landfall.sandbox.internal.ChangeLog;
import dev.landfall.sandbox.internal.ChangeShard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The change log of protocol 2 as the sandbox serves it (docs/export-worker-protocol.md §7), over
 * real HTTP: order, coalescing, trim and its epoch check, overflow, reset, writerShards, info of
 * both versions, authentication first, and the 404s and 400s.
 */
class ChangeLogRoutesTest {
    private static final String NS = "SESSIONS";
    private final FakeClock clock = new FakeClock();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private SandboxServer server;
    private Api worker;

    private SandboxServer start(Capture capture) {
        Consumer<String> sink = warnings::add;
        server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .seedKv(List.of(KvSeed.parse(NS + "=40:16"), KvSeed.parse("FLAGS=3:8")))
                        .capture(capture)
                        .build(),
                clock,
                sink);
        worker = new Api(server, server.exportSecret());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String v(int version, String path) {
        return server.exportWorkerUrl() + "/landfall/v" + version + "/" + path;
    }

    private Api.Reply post(String path, String body) throws IOException {
        return worker.postJson(v(2, path), body);
    }

    private JsonNode read(int shard, String body) throws IOException {
        Api.Reply r = post("changes/" + shard + "/read", body);
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    /** {@code n} key names that land in {@code shard} of {@code shards}, in order. */
    private static List<String> keysIn(int shard, int shards, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            String k = "user:" + i;
            if (ChangeLog.shardOf(NS, k, shards) == shard) {
                out.add(k);
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keysOf(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("changes").forEach(c -> out.add(c.path("key").asText()));
        return out;
    }

    @Test
    void shardsByFnv1a32OfBindingNewlineKeyReadUnsigned() {
        assertEquals(0x811C9DC5, ChangeLog.fnv1a32(""));
        assertEquals(0xE40C292C, ChangeLog.fnv1a32("a"));
        assertEquals(0xBF9CF968, ChangeLog.fnv1a32("foobar"));
        // 0x89575884: above 2^31, so a signed remainder would pick another shard.
        assertEquals(0x89575884, ChangeLog.fnv1a32("SESSIONS\nuser:1"));
        assertEquals(4, ChangeLog.shardOf("SESSIONS", "user:1", 7));
        assertEquals(132, ChangeLog.shardOf("SESSIONS", "user:1", 256));
        assertEquals(4, ChangeLog.shardOf("SESSIONS", "ユーザー/設定:テーマ", 7), "over UTF-8 bytes");
    }

    @Test
    void infoV2DescribesCaptureAndV1StaysProtocol1() throws IOException {
        start(Capture.on().withShards(4).withCapacity(500));
        JsonNode v2 = worker.get(v(2, "info")).json();
        assertEquals(2, v2.path("protocol").asInt());
        assertEquals(1, v2.path("typedJson").asInt());
        assertEquals("[\"FLAGS\",\"SESSIONS\"]", v2.path("kv").toString());
        JsonNode capture = v2.path("capture");
        assertEquals("LANDFALL_CHANGES", capture.path("binding").asText());
        assertEquals(4, capture.path("shards").asInt());
        assertEquals(500, capture.path("capacity").asInt());
        assertEquals(server.accountId(), capture.path("account").asText());

        JsonNode v1 = worker.get(v(1, "info")).json();
        assertEquals(1, v1.path("protocol").asInt());
        assertFalse(v1.has("capture"), "a v1 answer is the v1 answer: " + v1);
        assertEquals(v2.path("kv"), v1.path("kv"));
        assertEquals(v2.path("durableObjects"), v1.path("durableObjects"));
    }

    @Test
    void withCaptureOffInfoSaysNullAndNoChangeRouteExists() throws IOException {
        start(Capture.OFF);
        JsonNode v2 = worker.get(v(2, "info")).json();
        assertEquals(2, v2.path("protocol").asInt());
        assertTrue(v2.has("capture") && v2.get("capture").isNull(), v2.toString());
        assertEquals(404, post("changes/0/read", "{}").status());
        assertEquals(404, post("changes/0/reset", "{}").status());
        assertThrows(IllegalStateException.class, () -> server.capturedPut(NS, "k", bytes("v"), null, null));
    }

    @Test
    void everyV1RouteAnswersTheSameUnderV2() throws IOException {
        start(Capture.on());
        Api.Reply keys1 = worker.postJson(v(1, "kv/SESSIONS/keys"), "{\"limit\":5}");
        Api.Reply keys2 = worker.postJson(v(2, "kv/SESSIONS/keys"), "{\"limit\":5}");
        assertEquals(200, keys2.status());
        assertArrayEquals(keys1.body(), keys2.body());
        String ask = "{\"keys\":[\"order:a\",\"missing\"]}";
        assertArrayEquals(
                worker.postJson(v(1, "kv/SESSIONS/values"), ask).body(),
                worker.postJson(v(2, "kv/SESSIONS/values"), ask).body());
        assertEquals(404, worker.postJson(v(2, "kv/NOPE/keys"), "{}").status());
        assertEquals(404, worker.postJson(v(1, "changes/0/read"), "{}").status(), "the change log is v2 only");
        assertEquals(404, worker.postJson(v(3, "kv/SESSIONS/keys"), "{}").status());
    }

    @Test
    void readAnswersPendingChangesInSeqOrderWithTheShardsState() throws IOException {
        start(Capture.on().withShards(4));
        List<String> keys = keysIn(2, 4, 3);
        long t0 = clock.millis();
        assertTrue(server.capturedPut(NS, keys.get(0), bytes("one"), "{\"v\":1}", null));
        clock.advance(Duration.ofMillis(5));
        long exp = clock.epochSecond() + 3600;
        server.capturedPut(NS, keys.get(1), bytes("two"), null, exp);
        clock.advance(Duration.ofMillis(5));
        server.capturedDelete(NS, keys.get(2));

        JsonNode page = read(2, "");
        assertEquals(2, page.path("shard").asInt());
        assertEquals(32, page.path("epoch").asText().length());
        assertEquals(t0, page.path("since").asLong(), "the shard came into being with its first change");
        assertEquals(clock.millis(), page.path("now").asLong());
        assertEquals(3, page.path("head").asLong());
        assertEquals(3, page.path("pending").asInt());
        assertEquals(100_000, page.path("capacity").asInt());
        assertTrue(page.path("overflow").isNull());
        assertEquals("[4]", page.path("writerShards").toString());
        assertTrue(page.path("next").isNull());
        JsonNode c = page.path("changes");
        assertEquals(3, c.size());
        assertEquals(
                "{\"seq\":1,\"binding\":\"SESSIONS\",\"key\":\"" + keys.get(0) + "\",\"op\":\"put\",\"time\":" + t0
                        + ",\"expiration\":null}",
                c.get(0).toString());
        assertEquals(2, c.get(1).path("seq").asLong());
        assertEquals(exp, c.get(1).path("expiration").asLong());
        assertEquals(t0 + 5, c.get(1).path("time").asLong());
        assertEquals("delete", c.get(2).path("op").asText());
        assertTrue(c.get(2).path("expiration").isNull());

        assertEquals(List.of(keys.get(1), keys.get(2)), keysOf(read(2, "{\"after\":1}")));
        assertEquals(List.of(), keysOf(read(2, "{\"after\":3}")));
        JsonNode other = read(0, "{}");
        assertEquals(0, other.path("head").asLong(), "other shards hold none of these keys");
        assertEquals("[]", other.path("writerShards").toString());
        assertNotEquals(page.path("epoch"), other.path("epoch"), "each shard has its own epoch");
    }

    @Test
    void theWriteIsMadeAsTheChangeIsRecorded() throws IOException {
        start(Capture.on());
        server.capturedPut(NS, "order:a", bytes("new value"), "{\"by\":\"test\"}", null);
        JsonNode v = worker.postJson(v(2, "kv/SESSIONS/values"), "{\"keys\":[\"order:a\"]}")
                .json()
                .path("values")
                .get(0);
        assertEquals("new value", new String(v.path("b64").binaryValue(), StandardCharsets.UTF_8));
        assertEquals("{\"by\":\"test\"}", v.path("metadata").toString());
        server.capturedDelete(NS, "order:a");
        assertTrue(worker.postJson(v(2, "kv/SESSIONS/values"), "{\"keys\":[\"order:a\"]}")
                .json()
                .path("values")
                .get(0)
                .path("missing")
                .asBoolean());
    }

    @Test
    void currentGivesEachKeysExpirationWhichValuesLeavesOutAndOnlyUnderV2() throws IOException {
        start(Capture.on());
        long at = clock.instant().getEpochSecond() + 3600;
        server.capturedPut(NS, "cur:a", bytes("a"), null, at);
        server.capturedPut(NS, "cur:b", bytes("b"), null, null);
        JsonNode values = worker.postJson(v(2, "kv/SESSIONS/current"), "{\"keys\":[\"cur:a\",\"cur:b\",\"cur:gone\"]}")
                .json()
                .path("values");
        assertEquals(at, values.get(0).path("expiration").asLong());
        assertTrue(
                values.get(1).has("expiration")
                        && values.get(1).path("expiration").isNull(),
                values.toString());
        assertTrue(values.get(2).path("missing").asBoolean());
        assertFalse(worker.postJson(v(2, "kv/SESSIONS/values"), "{\"keys\":[\"cur:a\"]}")
                .json()
                .path("values")
                .get(0)
                .has("expiration"));
        assertEquals(
                404,
                worker.postJson(v(1, "kv/SESSIONS/current"), "{\"keys\":[\"cur:a\"]}")
                        .status());
    }

    @Test
    void aChangeOfAPendingKeyReplacesItUnderANewSeq() throws IOException {
        start(Capture.on().withShards(1));
        server.capturedPut(NS, "a", bytes("1"), null, null);
        server.capturedPut(NS, "b", bytes("1"), null, null);
        server.capturedPut(NS, "a", bytes("2"), null, null);
        server.capturedPut("FLAGS", "a", bytes("1"), null, null);
        server.capturedDelete(NS, "b");
        JsonNode page = read(0, "{}");
        assertEquals(5, page.path("head").asLong());
        assertEquals(3, page.path("pending").asInt());
        List<String> seen = new ArrayList<>();
        page.path("changes")
                .forEach(c -> seen.add(
                        c.path("seq").asLong() + " " + c.path("binding").asText() + "/"
                                + c.path("key").asText() + " " + c.path("op").asText()));
        assertEquals(List.of("3 SESSIONS/a put", "4 FLAGS/a put", "5 SESSIONS/b delete"), seen);
    }

    @Test
    void pagesFollowNextUntilNull() throws IOException {
        start(Capture.on().withShards(1));
        for (int i = 0; i < 7; i++) {
            server.capturedPut(NS, "k" + i, bytes("v"), null, null);
        }
        JsonNode first = read(0, "{\"limit\":3}");
        assertEquals(List.of("k0", "k1", "k2"), keysOf(first));
        assertEquals(3, first.path("next").asLong());
        JsonNode second = read(0, "{\"after\":3,\"limit\":3}");
        assertEquals(List.of("k3", "k4", "k5"), keysOf(second));
        JsonNode last = read(0, "{\"after\":" + second.path("next").asLong() + ",\"limit\":3}");
        assertEquals(List.of("k6"), keysOf(last));
        assertTrue(last.path("next").isNull(), "no change follows the last page");
        assertTrue(read(0, "{\"after\":6,\"limit\":1}").path("next").isNull(), "exactly full, nothing after");
    }

    @Test
    void trimRemovesThroughASeqOnlyUnderTheShardsEpoch() throws IOException {
        start(Capture.on().withShards(1));
        for (int i = 0; i < 5; i++) {
            server.capturedPut(NS, "k" + i, bytes("v"), null, null);
        }
        String epoch = read(0, "{}").path("epoch").asText();

        Api.Reply wrong = post("changes/0/trim", "{\"epoch\":\"other\",\"through\":5}");
        assertEquals(409, wrong.status());
        assertEquals("{\"error\":\"epoch mismatch\"}", wrong.text());
        assertEquals(5, read(0, "{}").path("pending").asInt(), "a refused trim removes nothing");

        Api.Reply ok = post("changes/0/trim", "{\"epoch\":\"" + epoch + "\",\"through\":3}");
        assertEquals(200, ok.status(), ok.text());
        assertEquals("{\"trimmed\":3,\"pending\":2}", ok.text());
        assertEquals(List.of("k3", "k4"), keysOf(read(0, "{}")));

        server.capturedPut(NS, "k0", bytes("again"), null, null);
        JsonNode after = read(0, "{}");
        assertEquals(6, after.path("head").asLong(), "a trimmed key comes back under a new seq");
        assertEquals(List.of("k3", "k4", "k0"), keysOf(after));
        assertEquals(
                "{\"trimmed\":0,\"pending\":3}",
                post("changes/0/trim", "{\"epoch\":\"" + epoch + "\",\"through\":2}")
                        .text());
    }

    private List<String> overflows() {
        return warnings.stream().filter(w -> w.contains("OVERFLOW")).toList();
    }

    @Test
    void aFullShardCountsDropsWarnsOncePerEpisodeAndStillWrites() throws IOException {
        start(Capture.on().withShards(1).withCapacity(2));
        long t0 = clock.millis();
        assertTrue(server.capturedPut(NS, "a", bytes("1"), null, null));
        assertTrue(server.capturedPut(NS, "b", bytes("1"), null, null));
        clock.advance(Duration.ofMillis(10));
        assertFalse(server.capturedPut(NS, "c", bytes("dropped but written"), null, null));
        clock.advance(Duration.ofMillis(10));
        assertFalse(server.capturedDelete(NS, "order:a"));
        assertTrue(server.capturedPut(NS, "a", bytes("2"), null, null), "a pending key still coalesces");

        JsonNode page = read(0, "{}");
        assertEquals(2, page.path("pending").asInt());
        assertEquals(List.of("b", "a"), keysOf(page));
        assertEquals(
                "{\"dropped\":2,\"first\":" + (t0 + 10) + ",\"last\":" + (t0 + 20) + "}",
                page.path("overflow").toString());
        Api.Reply c = worker.postJson(v(2, "kv/SESSIONS/values"), "{\"keys\":[\"c\",\"order:a\"]}");
        assertEquals(
                "dropped but written",
                new String(c.json().path("values").get(0).path("b64").binaryValue(), StandardCharsets.UTF_8));
        assertTrue(c.json().path("values").get(1).path("missing").asBoolean(), "the dropped delete was made");
        assertEquals(1, overflows().size(), "one warning for the episode: " + warnings);
        assertTrue(overflows().get(0).contains("CHANGE LOG OVERFLOW: shard 0"), warnings.toString());
        assertTrue(overflows().get(0).contains("--capture-capacity"), warnings.toString());
        // Before it dropped anything, it said it was filling: at half its capacity and at nine tenths.
        assertTrue(
                warnings.get(0).contains("shard 0 holds 1 of 2 pending changes: is the follower running"),
                warnings.toString());
        assertTrue(warnings.get(1).contains("shard 0 holds 2 of 2 pending changes"), warnings.toString());

        String epoch = page.path("epoch").asText();
        post("changes/0/trim", "{\"epoch\":\"" + epoch + "\",\"through\":5}");
        server.capturedPut(NS, "d", bytes("1"), null, null);
        server.capturedPut(NS, "e", bytes("1"), null, null);
        assertFalse(server.capturedPut(NS, "f", bytes("1"), null, null));
        assertEquals(2, overflows().size(), "a new episode after the shard had room: " + warnings);
        assertEquals(3, read(0, "{}").path("overflow").path("dropped").asLong(), "overflow stays until reset");
    }

    @Test
    void resetGivesANewEpochAndSinceClearsOverflowAndKeepsChanges() throws IOException {
        start(Capture.on().withShards(1).withCapacity(1));
        server.capturedPut(NS, "a", bytes("1"), null, null);
        server.capturedPut(NS, "b", bytes("1"), null, null);
        JsonNode before = read(0, "{}");
        clock.advance(Duration.ofSeconds(3));

        Api.Reply r = post("changes/0/reset", "{}");
        assertEquals(200, r.status(), r.text());
        JsonNode reset = r.json();
        assertNotEquals(before.path("epoch").asText(), reset.path("epoch").asText());
        assertEquals(clock.millis(), reset.path("since").asLong());
        assertEquals(clock.millis(), reset.path("now").asLong());
        assertTrue(reset.path("overflow").isNull());
        assertEquals(1, reset.path("head").asLong());
        assertEquals(1, reset.path("pending").asInt());
        assertEquals(1, reset.path("capacity").asInt());
        assertEquals("[1]", reset.path("writerShards").toString());
        assertFalse(reset.has("changes") || reset.has("next"), "reset answers without changes: " + reset);

        JsonNode after = read(0, "{}");
        assertEquals(List.of("a"), keysOf(after));
        assertEquals(1, after.path("changes").get(0).path("seq").asLong(), "seqs are kept");
        assertEquals(
                409,
                post("changes/0/trim", "{\"epoch\":\"" + before.path("epoch").asText() + "\",\"through\":1}")
                        .status());
    }

    @Test
    void writerShardsListsEveryShardCountWritersUsed() throws IOException {
        start(Capture.on().withShards(1));
        ChangeLog log = server.changeLog().orElseThrow();
        server.capturedPut(NS, "a", bytes("1"), null, null);
        // A Worker configured with 3 shards: pick a key that it, too, writes into shard 0.
        String key = "x";
        for (int i = 0; ChangeLog.shardOf(NS, key, 3) != 0; i++) {
            key = "x" + i;
        }
        log.recordAs(3, NS, key, ChangeShard.Op.DELETE, null, () -> {});
        assertEquals("[1,3]", read(0, "{}").path("writerShards").toString());
    }

    @Test
    void restWritesAreNotCaptured() throws IOException {
        start(Capture.on().withShards(1));
        Api rest = new Api(server);
        String id = server.kvNamespaces().get(0).namespaceId();
        Api.Reply put = rest.put(rest.ns(id, "/values/rest-key"), RequestBody.create(bytes("by rest"), Api.OCTETS));
        assertEquals(200, put.status(), put.text());
        assertEquals(200, rest.delete(rest.ns(id, "/values/order:a")).status());
        assertEquals(
                200,
                rest.putJson(rest.ns(id, "/bulk"), "[{\"key\":\"bulk-key\",\"value\":\"v\"}]")
                        .status());
        JsonNode page = read(0, "{}");
        assertEquals(0, page.path("head").asLong(), "REST writes bypass every Worker: " + page);
        assertEquals(0, page.path("pending").asInt());
    }

    @Test
    void theSecretIsCheckedBeforeAnythingElse() throws IOException {
        start(Capture.on().withShards(2));
        for (String token : new String[] {null, "wrong", server.token()}) {
            Api other = new Api(server, token);
            for (String path : List.of("changes/0/read", "changes/99/read", "changes/0/trim", "changes/x/reset")) {
                Api.Reply r = other.postJson(v(2, path), "not json");
                assertEquals(401, r.status(), path + " with " + token);
                assertEquals("{\"error\":\"unauthorized\"}", r.text());
                assertEquals("Bearer realm=\"landfall-export\"", r.header("WWW-Authenticate"));
            }
            assertEquals(401, other.get(v(2, "info")).status());
        }
    }

    @Test
    void unknownShardsAndRoutesAre404AndAWrongMethod405() throws IOException {
        start(Capture.on().withShards(2));
        for (String path : List.of(
                "changes/2/read",
                "changes/-1/read",
                "changes/01/read",
                "changes/x/read",
                "changes/0/drain",
                "changes/99999999999/read")) {
            Api.Reply r = post(path, "{}");
            assertEquals(404, r.status(), path + " -> " + r.text());
            assertTrue(r.json().has("error"));
        }
        assertEquals(405, worker.get(v(2, "changes/0/read")).status());
        assertEquals(200, post("changes/1/read", "{}").status());
    }

    @Test
    void malformedBodiesAreA400() throws IOException {
        start(Capture.on().withShards(1));
        Map<String, String> bad = Map.ofEntries(
                Map.entry("read:0", "{\"limit\":0}"),
                Map.entry("read:10001", "{\"limit\":10001}"),
                Map.entry("read:text", "{\"limit\":\"5\"}"),
                Map.entry("read:fraction", "{\"limit\":1.5}"),
                Map.entry("read:after<0", "{\"after\":-1}"),
                Map.entry("read:after text", "{\"after\":\"3\"}"),
                Map.entry("read:array", "[]"),
                Map.entry("read:not json", "{nope"),
                Map.entry("trim:no epoch", "{\"through\":1}"),
                Map.entry("trim:epoch number", "{\"epoch\":1,\"through\":1}"),
                Map.entry("trim:no through", "{\"epoch\":\"e\"}"),
                Map.entry("trim:through<0", "{\"epoch\":\"e\",\"through\":-1}"),
                Map.entry("reset:not json", "x"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            String op = e.getKey().substring(0, e.getKey().indexOf(':'));
            Api.Reply r = post("changes/0/" + op, e.getValue());
            assertEquals(400, r.status(), e.getKey() + " -> " + r.text());
            assertTrue(r.json().path("error").isTextual(), r.text());
        }
        assertEquals(
                200, post("changes/0/read", "{\"limit\":10000,\"after\":null}").status());
        assertEquals(200, post("changes/0/read", "").status(), "an empty body is {}");
    }

    @Test
    void capturedWritesRefuseWhatKvRefuses() {
        start(Capture.on());
        assertThrows(IllegalArgumentException.class, () -> server.capturedPut("NOPE", "k", bytes("v"), null, null));
        assertThrows(IllegalArgumentException.class, () -> server.capturedPut(NS, "", bytes("v"), null, null));
        assertThrows(
                IllegalArgumentException.class, () -> server.capturedPut(NS, "x".repeat(513), bytes("v"), null, null));
        assertThrows(IllegalArgumentException.class, () -> server.capturedPut(NS, "k", bytes("v"), "{nope", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> server.capturedPut(NS, "k", bytes("v"), null, clock.epochSecond() + 59));
        assertThrows(IllegalArgumentException.class, () -> server.capturedDelete(NS, ".."));
    }
}
