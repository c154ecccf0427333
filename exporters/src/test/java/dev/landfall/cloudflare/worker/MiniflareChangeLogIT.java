package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol 2's change log (docs/export-worker-protocol.md §7) in real workerd: an application
 * writes KV through {@code withLandfallCapture}, and the router's change-log routes show what the
 * SQLite-backed {@code LandfallChangeLog} recorded: order, coalescing, trim, overflow, reset and
 * the shard every key belongs to. Two Workers: one with four shards, and a one-shard one whose
 * capacity of three overflows.
 */
class MiniflareChangeLogIT {
    private static final String SECRET = "miniflare-change-log-secret-0123456789abcdef";
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final int SHARDS = 4;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** How long console output may lag behind the answer that logged it before a test gives up. */
    private static final long LOG_DEADLINE_SECONDS = 60;

    @TempDir
    static Path work;

    private static MiniflarePeer peer;
    private static MiniflarePeer small;

    /** An answer: status and JSON body (or the text as a JSON string when it is not JSON). */
    record Answer(int status, JsonNode body) {}

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        if (peers.isEmpty()) {
            return;
        }
        peer = MiniflarePeer.startCaptureApp(
                peers.get(),
                Files.createDirectories(work.resolve("four")),
                SECRET,
                Map.of("LANDFALL_CAPTURE_SHARDS", String.valueOf(SHARDS), "LANDFALL_ACCOUNT_ID", ACCOUNT));
        small = MiniflarePeer.startCaptureApp(
                peers.get(),
                Files.createDirectories(work.resolve("small")),
                SECRET,
                Map.of("LANDFALL_CAPTURE_SHARDS", "1", "LANDFALL_CAPTURE_CAPACITY", "3"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (MiniflarePeer p : new MiniflarePeer[] {peer, small}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** Every test starts from empty shards: whatever an earlier test left pending is trimmed. */
    @BeforeEach
    void drain() throws IOException {
        Assumptions.assumeTrue(peer != null, "miniflare is not installed; skipping");
        for (int shard = 0; shard < SHARDS; shard++) {
            JsonNode log = read(peer, shard, "{\"limit\":1}");
            trim(peer, shard, log.path("epoch").asText(), log.path("head").asLong());
        }
    }

    // ---- the FNV rule, written independently of the JavaScript ----

    static int shardOf(String binding, String key, int shards) {
        int hash = 0x811c9dc5;
        for (byte b : (binding + "\n" + key).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Integer.remainderUnsigned(hash, shards);
    }

    /** The first key {@code prefix + i} that lands in {@code shard}. */
    static String keyIn(String binding, String prefix, int shard) {
        for (int i = 0; ; i++) {
            if (shardOf(binding, prefix + i, SHARDS) == shard) {
                return prefix + i;
            }
        }
    }

    @Test
    void theJavaFnvMatchesTheReferenceValues() {
        // FNV-1a 32 of "" is the offset basis; of "a" is 0xe40c292c (the published test vectors).
        assertEquals(Integer.remainderUnsigned(0xe40c292c, 1000), shardOfRaw("a", 1000));
        assertEquals(Integer.remainderUnsigned(0x811c9dc5, 1000), shardOfRaw("", 1000));
    }

    private static int shardOfRaw(String text, int shards) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Integer.remainderUnsigned(hash, shards);
    }

    // ---- HTTP ----

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * One exchange. Miniflare's Node front closes a pooled connection after 5 s idle; a POST that
     * raced that close sees no answer bytes at all, and HttpClient retries only idempotent methods,
     * so it is sent once more. Every request here is safe to repeat: reads, trims of one epoch, and
     * the app's writes of a fixed value.
     */
    private static HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = exchange(request);
            JsonNode body;
            try {
                body = MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                body = MAPPER.getNodeFactory().textNode(r.body());
            }
            return new Answer(r.statusCode(), body == null ? MAPPER.nullNode() : body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Answer post(MiniflarePeer p, String path, String body, String secret) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(p.url() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        return send(b.build());
    }

    private static Answer get(MiniflarePeer p, String path, String secret) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(p.url() + path));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        return send(b.build());
    }

    /** Runs an application route (no secret: it is the operator's own Worker) that must succeed. */
    private static JsonNode app(MiniflarePeer p, String path) throws IOException {
        Answer a = get(p, "app/" + path, null);
        assertEquals(200, a.status(), path + ": " + a.body());
        return a.body();
    }

    private static JsonNode put(MiniflarePeer p, String binding, String key, String extra) throws IOException {
        return app(p, "put?binding=" + binding + "&key=" + q(key) + "&value=" + q("value of " + key) + extra);
    }

    private static JsonNode read(MiniflarePeer p, int shard, String body) throws IOException {
        Answer a = post(p, "landfall/v2/changes/" + shard + "/read", body, SECRET);
        assertEquals(200, a.status(), a.body().toString());
        return a.body();
    }

    private static JsonNode trim(MiniflarePeer p, int shard, String epoch, long through) throws IOException {
        Answer a = post(
                p,
                "landfall/v2/changes/" + shard + "/trim",
                "{\"epoch\":\"" + epoch + "\",\"through\":" + through + "}",
                SECRET);
        assertEquals(200, a.status(), a.body().toString());
        return a.body();
    }

    private static List<JsonNode> changes(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.path("changes").forEach(out::add);
        return out;
    }

    private static List<String> keysOf(JsonNode page) {
        return changes(page).stream().map(c -> c.path("key").asText()).toList();
    }

    /** The values the export routes read from KV: byte-exact text, or null for a missing key. */
    private static List<String> kvValues(MiniflarePeer p, String binding, String... keys) throws IOException {
        Answer a = post(
                p, "landfall/v2/kv/" + binding + "/values", MAPPER.writeValueAsString(Map.of("keys", keys)), SECRET);
        assertEquals(200, a.status(), a.body().toString());
        List<String> out = new ArrayList<>();
        for (JsonNode v : a.body().path("values")) {
            out.add(
                    v.path("missing").asBoolean()
                            ? null
                            : new String(
                                    java.util.Base64.getDecoder()
                                            .decode(v.path("b64").asText()),
                                    StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- what is recorded ----

    @Test
    void putsOverwritesAndDeletesAreRecordedInOrderWithTheirExpiration() throws IOException {
        String ttl = keyIn("CACHE", "ttl-", 2);
        String at = keyIn("CACHE", "at-", 2);
        String plain = keyIn("CACHE", "plain-", 2);
        long before = System.currentTimeMillis();
        JsonNode ttlPut = put(peer, "CACHE", ttl, "&ttl=3600");
        put(peer, "CACHE", at, "&expiration=2000000000&ttl=60");
        put(peer, "CACHE", plain, "&metadata=" + q("{\"v\":1}"));
        app(peer, "delete?binding=CACHE&key=" + q(at));
        long after = System.currentTimeMillis();

        JsonNode page = read(peer, 2, "{}");
        List<JsonNode> changes = changes(page);
        assertEquals(List.of(ttl, plain, at), keysOf(page), "the delete of a pending key moved it last");
        assertEquals(
                List.of("put", "put", "delete"),
                changes.stream().map(c -> c.path("op").asText()).toList());
        for (int i = 0; i < changes.size(); i++) {
            JsonNode c = changes.get(i);
            assertEquals("CACHE", c.path("binding").asText());
            assertTrue(c.path("time").asLong() >= before && c.path("time").asLong() <= after, c.toString());
            if (i > 0) {
                assertTrue(
                        c.path("seq").asLong() > changes.get(i - 1).path("seq").asLong(), "seq increases");
                assertTrue(
                        c.path("time").asLong()
                                >= changes.get(i - 1).path("time").asLong(),
                        "time keeps order");
            }
        }
        long expiration = changes.get(0).path("expiration").asLong();
        assertTrue(
                expiration >= before / 1000 + 3600
                        && expiration <= ttlPut.path("at").asLong() / 1000 + 3600,
                "expirationTtl is added to the time of the put: " + expiration);
        assertTrue(changes.get(1).path("expiration").isNull());
        assertTrue(changes.get(2).path("expiration").isNull(), "a delete sets no expiration");
        assertEquals(changes.get(2).path("seq").asLong(), page.path("head").asLong());
        assertEquals(3, page.path("pending").asInt());
        assertTrue(page.path("next").isNull());
        assertTrue(page.path("now").asLong() >= changes.get(2).path("time").asLong());

        assertEquals(
                java.util.Arrays.asList("value of " + ttl, "value of " + plain, null),
                kvValues(peer, "CACHE", ttl, plain, at),
                "every recorded write was made");
    }

    @Test
    void aBindingNamedOtherwiseIsRecordedUnderTheNamespaceTitleItIsGiven() throws IOException {
        String key = keyIn("prod-cache", "named-", 1);
        put(peer, "CACHE", key, "&as=prod-cache");
        JsonNode page = read(peer, 1, "{}");
        assertEquals(List.of(key), keysOf(page));
        assertEquals("prod-cache", changes(page).get(0).path("binding").asText(), "the title, not CACHE");
        assertEquals(java.util.Arrays.asList("value of " + key), kvValues(peer, "CACHE", key), "written to CACHE");
        JsonNode bad = app(peer, "bad-names");
        assertTrue(bad.path("threw").asText().contains("NOT_A_BINDING"), bad.toString());
    }

    @Test
    void currentGivesTheExpirationKvHoldsWhichValuesLeavesOut() throws IOException {
        String key = keyIn("CACHE", "cur-", 0);
        put(peer, "CACHE", key, "&expiration=2000000000");
        Answer a = post(peer, "landfall/v2/kv/CACHE/current", "{\"keys\":[\"" + key + "\",\"cur-gone\"]}", SECRET);
        assertEquals(200, a.status(), a.body().toString());
        assertEquals(
                2000000000L, a.body().path("values").get(0).path("expiration").asLong());
        assertEquals(
                "value of " + key,
                new String(a.body().path("values").get(0).path("b64").binaryValue(), StandardCharsets.UTF_8));
        assertTrue(a.body().path("values").get(1).path("missing").asBoolean());
        Answer v1 = post(peer, "landfall/v1/kv/CACHE/current", "{\"keys\":[\"" + key + "\"]}", SECRET);
        assertEquals(404, v1.status(), "current is protocol 2's");
    }

    @Test
    void anExpirationGivenOutrightWinsOverATtl() throws IOException {
        String key = keyIn("SESSIONS", "both-", 1);
        put(peer, "SESSIONS", key, "&expiration=2000000000&ttl=60");
        JsonNode change = changes(read(peer, 1, "{}")).get(0);
        assertEquals("SESSIONS", change.path("binding").asText());
        assertEquals(2000000000L, change.path("expiration").asLong());
    }

    @Test
    void everyKeyIsRecordedInTheShardTheFnvRuleNames() throws IOException {
        List<String[]> written = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String binding = MiniflarePeer.CAPTURED_KV.get(i % 2);
            String key = "ключ é 😀/" + i;
            put(peer, binding, key, "");
            written.add(new String[] {binding, key});
        }
        List<List<String>> seen = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            seen.add(changes(read(peer, shard, "{}")).stream()
                    .map(c -> c.path("binding").asText() + "\n" + c.path("key").asText())
                    .toList());
        }
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (String[] w : written) {
            int expected = shardOf(w[0], w[1], SHARDS);
            used.add(expected);
            for (int shard = 0; shard < SHARDS; shard++) {
                assertEquals(
                        shard == expected,
                        seen.get(shard).contains(w[0] + "\n" + w[1]),
                        w[0] + " " + w[1] + " belongs in shard " + expected + " only");
            }
        }
        assertEquals(SHARDS, used.size(), "the keys spread over every shard");
    }

    @Test
    void anOverwriteOfAPendingKeyMovesItToANewSeq() throws IOException {
        String x = keyIn("CACHE", "coalesce-x-", 0);
        String y = keyIn("CACHE", "coalesce-y-", 0);
        long head = read(peer, 0, "{}").path("head").asLong();
        put(peer, "CACHE", x, "");
        put(peer, "CACHE", y, "");
        put(peer, "CACHE", x, "&ttl=600");
        JsonNode page = read(peer, 0, "{}");
        assertEquals(List.of(y, x), keysOf(page));
        assertEquals(2, page.path("pending").asInt(), "one pending change per key");
        assertEquals(head + 3, page.path("head").asLong(), "every change took a seq");
        assertEquals(head + 3, changes(page).get(1).path("seq").asLong());
        assertTrue(changes(page).get(1).path("expiration").isNumber(), "the latest change is the one kept");
        assertEquals(List.of("value of " + x), kvValues(peer, "CACHE", x));
    }

    @Test
    void readsPageInSeqOrderWithoutRemovingAnything() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(keyIn("CACHE", "page-" + i + "-", 3));
            put(peer, "CACHE", keys.get(i), "");
        }
        List<String> paged = new ArrayList<>();
        long after = read(peer, 3, "{}").path("head").asLong() - 5;
        JsonNode page;
        do {
            page = read(peer, 3, "{\"after\":" + after + ",\"limit\":2}");
            assertTrue(page.path("changes").size() <= 2);
            paged.addAll(keysOf(page));
            after = page.path("next").asLong();
        } while (!page.path("next").isNull());
        assertEquals(keys, paged);
        assertEquals(5, read(peer, 3, "{}").path("pending").asInt(), "reading removes nothing");
    }

    @Test
    void readsAndListsPassThroughUnrecorded() throws IOException {
        String key = keyIn("CACHE", "read-", 1);
        put(peer, "CACHE", key, "&metadata=" + q("{\"m\":2}"));
        long head = read(peer, 1, "{}").path("head").asLong();
        JsonNode got = app(peer, "get?binding=CACHE&key=" + q(key));
        assertEquals("value of " + key, got.path("value").asText());
        assertEquals("value of " + key, got.path("text").asText());
        assertEquals(2, got.path("metadata").path("m").asInt());
        assertEquals(key, got.path("listed").get(0).asText());
        assertEquals(head, read(peer, 1, "{}").path("head").asLong(), "reads record nothing");
    }

    @Test
    void aWriteWhoseChangeCannotBeRecordedIsNotMade() throws IOException {
        Answer a = get(peer, "app/broken-log?key=never", null);
        assertEquals(500, a.status(), a.body().toString());
        assertTrue(
                a.body().asText().contains("the write was not made"), a.body().toString());
        assertEquals(java.util.Collections.singletonList(null), kvValues(peer, "CACHE", "never"));
    }

    @Test
    void wrappingWithoutTheBindingThrowsAtOnce() throws IOException {
        String threw = app(peer, "unbound").path("threw").asText();
        assertTrue(threw.contains("LANDFALL_CHANGES") && threw.contains("LandfallChangeLog"), threw);
        Answer bad = get(peer, "app/put?key=k&shards=300", null);
        assertEquals(500, bad.status());
        assertTrue(
                bad.body().asText().contains("LANDFALL_CAPTURE_SHARDS"),
                bad.body().toString());
    }

    // ---- trim, overflow, reset, writers ----

    /**
     * What the Workers of a peer logged, once it holds every one of {@code expected}. Console output
     * reaches the runtime's stderr file after the request that logged it has been answered, later
     * still on a loaded machine: the wait is for the lines, with a deadline only a hung runtime
     * reaches. Missing lines after it are left to the caller's assertions, which show the text.
     */
    private static String workerLogs(String peerDir, String... expected) throws IOException {
        Path file = work.resolve(peerDir).resolve("miniflare.stderr");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOG_DEADLINE_SECONDS);
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : "";
            if (Arrays.stream(expected).allMatch(text::contains) || System.nanoTime() - deadline > 0) {
                return text;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Test
    void trimRemovesThroughASeqOfTheCurrentEpochOnly() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(keyIn("SESSIONS", "trim-" + i + "-", 0));
            put(peer, "SESSIONS", keys.get(i), "");
        }
        JsonNode page = read(peer, 0, "{}");
        long second = changes(page).get(1).path("seq").asLong();
        String epoch = page.path("epoch").asText();

        Answer wrong =
                post(peer, "landfall/v2/changes/0/trim", "{\"epoch\":\"other\",\"through\":" + second + "}", SECRET);
        assertEquals(409, wrong.status());
        assertEquals("{\"error\":\"epoch mismatch\"}", wrong.body().toString());
        assertEquals(3, read(peer, 0, "{}").path("pending").asInt(), "a refused trim removes nothing");

        JsonNode trimmed = trim(peer, 0, epoch, second);
        assertEquals(2, trimmed.path("trimmed").asInt());
        assertEquals(1, trimmed.path("pending").asInt());
        assertEquals(List.of(keys.get(2)), keysOf(read(peer, 0, "{}")));
        assertEquals(0, trim(peer, 0, epoch, second).path("trimmed").asInt(), "trimming again is harmless");
    }

    @Test
    void aFullShardDropsNewKeysLoudlyButTheWritesGoAheadAndResetKeepsWhatIsPending() throws IOException {
        long before = System.currentTimeMillis();
        for (String k : List.of("k1", "k2", "k3", "k4", "k5")) {
            put(small, "CACHE", k, "");
        }
        put(small, "CACHE", "k1", "&ttl=60");
        JsonNode full = read(small, 0, "{}");
        assertEquals(List.of("k2", "k3", "k1"), keysOf(full), "a pending key is still recorded when full");
        assertEquals(3, full.path("pending").asInt());
        assertEquals(3, full.path("capacity").asInt());
        JsonNode overflow = full.path("overflow");
        assertEquals(2, overflow.path("dropped").asInt());
        assertTrue(overflow.path("first").asLong() >= before, overflow.toString());
        assertTrue(overflow.path("last").asLong() >= overflow.path("first").asLong(), overflow.toString());
        assertEquals(
                List.of("value of k4", "value of k5"),
                kvValues(small, "CACHE", "k4", "k5"),
                "capture never stops the application's write");
        // Before it dropped anything, the log said it was filling (Worker logs: the runtime's stderr).
        String filling = "shard 0 holds 2 of 3 pending changes: is the follower running";
        String filled = "shard 0 holds 3 of 3 pending changes";
        String dropping = "landfall change log shard 0 is full (3 pending changes";
        String logs = workerLogs("small", filling, filled, dropping);
        assertTrue(logs.contains(filling), logs);
        assertTrue(logs.contains(filled), logs);
        assertTrue(logs.contains(dropping), logs);

        Answer reset = post(small, "landfall/v2/changes/0/reset", "{}", SECRET);
        assertEquals(200, reset.status(), reset.body().toString());
        JsonNode after = reset.body();
        assertNotEquals(full.path("epoch").asText(), after.path("epoch").asText());
        assertTrue(after.path("since").asLong() >= full.path("since").asLong());
        assertTrue(after.path("overflow").isNull());
        assertEquals(full.path("head"), after.path("head"));
        assertEquals(3, after.path("pending").asInt());
        assertTrue(after.path("changes").isMissingNode(), "reset answers no changes");
        assertEquals(keysOf(full), keysOf(read(small, 0, "{}")), "pending changes and their seqs stay");
        assertEquals(
                409,
                post(
                                small,
                                "landfall/v2/changes/0/trim",
                                "{\"epoch\":\"" + full.path("epoch").asText() + "\",\"through\":99}",
                                SECRET)
                        .status(),
                "the old epoch is gone");
    }

    @Test
    void writerShardsNamesTheShardCountsWritersSent() throws IOException {
        String mine = keyIn("CACHE", "writer-", 1);
        put(peer, "CACHE", mine, "");
        assertEquals("[4]", read(peer, 1, "{}").path("writerShards").toString());
        // A Worker configured with two shards puts a key of shard 1 (of two) into shard 1.
        String other = "writer-two-";
        for (int i = 0; ; i++) {
            if (shardOf("CACHE", other + i, 2) == 1) {
                other = other + i;
                break;
            }
        }
        put(peer, "CACHE", other, "&shards=2");
        assertEquals("[2,4]", read(peer, 1, "{}").path("writerShards").toString());
        JsonNode reset = post(peer, "landfall/v2/changes/1/reset", "{}", SECRET).body();
        assertEquals("[]", reset.path("writerShards").toString(), "a reset forgets the writers seen before it");
    }

    // ---- the routes ----

    @Test
    void infoOfProtocolTwoDescribesCaptureAndProtocolOneIsUnchanged() throws IOException {
        JsonNode v2 = get(peer, "landfall/v2/info", SECRET).body();
        assertEquals(2, v2.path("protocol").asInt());
        assertEquals(
                "{\"binding\":\"LANDFALL_CHANGES\",\"shards\":4,\"capacity\":100000,\"account\":\"" + ACCOUNT + "\"}",
                v2.path("capture").toString());
        // The app's own classes are listed; the change log is not the operator's data.
        assertEquals(
                "[{\"binding\":\"COUNTERS\",\"className\":\"Counters\"},{\"binding\":\"FLAKY\",\"className\":\"Flaky\"},"
                        + "{\"binding\":\"NOTES\",\"className\":\"Notes\"}]",
                v2.path("durableObjects").toString());
        assertEquals("[\"CACHE\",\"SESSIONS\"]", v2.path("kv").toString());
        JsonNode v1 = get(peer, "landfall/v1/info", SECRET).body();
        assertEquals(1, v1.path("protocol").asInt());
        assertTrue(v1.path("capture").isMissingNode(), v1.toString());
        JsonNode smallInfo = get(small, "landfall/v2/info", SECRET).body().path("capture");
        assertEquals(1, smallInfo.path("shards").asInt());
        assertEquals(3, smallInfo.path("capacity").asInt());
        assertTrue(smallInfo.path("account").isNull());
    }

    @Test
    void protocolTwoAnswersTheProtocolOneRoutes() throws IOException {
        put(peer, "CACHE", "both-versions", "");
        for (String version : List.of("v1", "v2")) {
            Answer a = post(peer, "landfall/" + version + "/kv/CACHE/keys", "{\"prefix\":\"both-versions\"}", SECRET);
            assertEquals(200, a.status());
            assertEquals(
                    "both-versions", a.body().path("keys").get(0).path("name").asText());
        }
        assertEquals(404, post(peer, "landfall/v1/changes/0/read", "{}", SECRET).status(), "v1 has no change log");
        assertEquals(404, get(peer, "landfall/v3/info", SECRET).status());
        Answer log = post(peer, "landfall/v2/do/LANDFALL_CHANGES/" + "0".repeat(64) + "/entries", "{}", SECRET);
        assertEquals(404, log.status(), "the change log is not exported as the operator's data: " + log.body());
    }

    @Test
    void theChangeLogRoutesCheckTheSecretFirst() throws IOException {
        for (String op : List.of("read", "trim", "reset")) {
            for (String secret : new String[] {null, "wrong-secret-0123456789abcdef0123456789"}) {
                Answer a = post(peer, "landfall/v2/changes/0/" + op, "{}", secret);
                assertEquals(401, a.status(), op);
                assertEquals("{\"error\":\"unauthorized\"}", a.body().toString());
            }
            assertEquals(
                    401, post(peer, "landfall/v2/changes/99/" + op, "{}", null).status(), "before the shard");
        }
        assertEquals(401, get(peer, "landfall/v2/info", null).status());
    }

    @Test
    void aShardOutOfRangeIsNotFoundAndABadBodyIsRefused() throws IOException {
        for (String shard : List.of("4", "-1", "x", "01", "99999")) {
            assertEquals(
                    404,
                    post(peer, "landfall/v2/changes/" + shard + "/read", "{}", SECRET)
                            .status(),
                    shard);
        }
        assertEquals(404, post(peer, "landfall/v2/changes/0/drop", "{}", SECRET).status());
        assertEquals(405, get(peer, "landfall/v2/changes/0/read", SECRET).status());
        for (String body :
                List.of("{\"limit\":0}", "{\"limit\":10001}", "{\"after\":-1}", "{\"after\":\"x\"}", "nope", "[]")) {
            assertEquals(
                    400, post(peer, "landfall/v2/changes/0/read", body, SECRET).status(), body);
        }
        for (String body : List.of("{}", "{\"epoch\":\"e\"}", "{\"through\":1}", "{\"epoch\":1,\"through\":1}")) {
            assertEquals(
                    400, post(peer, "landfall/v2/changes/0/trim", body, SECRET).status(), body);
        }
    }
}
