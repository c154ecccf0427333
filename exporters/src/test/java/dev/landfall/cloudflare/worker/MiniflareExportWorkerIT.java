package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.codec.TypedJsonDecoder;
import dev.landfall.core.codec.TypedJsonEncoder;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real export Worker in workerd (Miniflare): the protocol contract, and what only a real
 * runtime shows: the JavaScript codec passes the shared vectors, every value type survives real
 * storage (KV-backed and SQLite-backed), SQL tables page out, unencodable values are reported by
 * key, an unwrapped class is named, and KV reads are byte-exact.
 */
class MiniflareExportWorkerIT extends AbstractExportWorkerContractTest {
    static final Secret SECRET = Secret.of("miniflare-export-secret-0123456789abcdef");

    @TempDir
    static Path work;

    private static MiniflarePeer peer;
    private static String skipReason;
    private static KnownObject known;

    @BeforeAll
    static void start() throws IOException {
        peer = startOrSkip(work, SECRET).orElse(null);
    }

    @AfterAll
    static void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    /** Starts workerd, or records why not: a skip locally, a failure under LANDFALL_IT_REQUIRED=1. */
    static Optional<MiniflarePeer> startOrSkip(Path dir, Secret secret) throws IOException {
        Optional<Path> peers = MiniflarePeer.locate();
        if (peers.isEmpty()) {
            String message = "miniflare is not installed (run npm ci --prefix test-peers)";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(message);
            }
            skipReason = message + "; skipping (set LANDFALL_IT_REQUIRED=1 to fail instead)";
            return Optional.empty();
        }
        return Optional.of(MiniflarePeer.start(peers.get(), dir, secret.reveal()));
    }

    @BeforeEach
    void requirePeer() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /** Runs a test-only route of the test app (no secret needed) and returns its JSON. */
    static String testRoute(MiniflarePeer peer, String path) throws IOException {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(peer.url() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Seeds object {@code name} of {@code binding} through {@code route} and returns its id. */
    static String seed(MiniflarePeer peer, String route, String binding, String name) throws IOException {
        return new ObjectMapper()
                .readTree(testRoute(peer, "test/" + route + "/" + binding + "/" + name))
                .path("id")
                .asText();
    }

    @Override
    protected String url() {
        return peer.url();
    }

    @Override
    protected Secret secret() {
        return SECRET;
    }

    @Override
    protected KnownObject knownObject() throws IOException {
        if (known == null) {
            known = new KnownObject(
                    MiniflarePeer.SQL_DO, seed(peer, "seed-bulk", MiniflarePeer.SQL_DO, "contract?n=25"));
        }
        return known;
    }

    @Override
    protected String knownKvBinding() throws IOException {
        testRoute(peer, "test/seed-kv?n=30");
        return MiniflarePeer.KV;
    }

    @Override
    protected void putKv(String binding, String key, String metadataJson) throws IOException {
        Assumptions.assumeTrue(binding.equals(MiniflarePeer.KV), "the test app writes only " + MiniflarePeer.KV);
        testRoute(peer, "test/put-kv?key=" + query(key) + "&value=v&metadata=" + query(metadataJson));
    }

    private static String query(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final Map<String, String> SAMPLE = TestAppValues.SAMPLE;

    private ExportWorkerClient client() {
        return client(SECRET);
    }

    private static List<ExportedEntry> readAll(ExportWorkerClient client, String binding, String id)
            throws IOException {
        List<ExportedEntry> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            EntryPage page = client.entries(binding, id, after, 4);
            all.addAll(page.entries());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    @Test
    void theJavaScriptCodecPassesTheSharedVectors() throws IOException {
        JsonNode file = VectorModule.vectors();
        JsonNode answer = MAPPER.readTree(testRoute(peer, "test/vectors"));
        TypedJsonDecoder decoder = new TypedJsonDecoder();
        TypedJsonEncoder encoder = new TypedJsonEncoder();
        JsonNode results = answer.path("results");
        assertEquals(file.path("vectors").size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode vector = file.path("vectors").get(i);
            JsonNode result = results.get(i);
            String name = vector.path("name").asText();
            assertTrue(result.has("typed"), () -> name + ": " + result);
            // Canonical bytes of the vector's typed value (TypedJsonVectorsTest proves this equals
            // the bytes in the file).
            String expected = encoder.encodeToString(decoder.decode(MAPPER.writeValueAsString(vector.path("typed"))));
            assertEquals(expected, result.path("typed").asText(), name);
        }
        JsonNode refused = answer.path("unencodable");
        assertEquals(file.path("unencodable").size(), refused.size());
        for (int i = 0; i < refused.size(); i++) {
            JsonNode vector = file.path("unencodable").get(i);
            JsonNode result = refused.get(i);
            String name = vector.path("name").asText();
            assertEquals(vector.path("reason").asText(), result.path("reason").asText(), name);
            if (vector.has("path")) {
                assertEquals(vector.path("path").asText(), result.path("path").asText(), name);
            }
        }
    }

    private void assertSample(String binding) throws IOException {
        String id = seed(peer, "seed", binding, "sample-" + binding);
        try (ExportWorkerClient client = client()) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Unencodable> errors = new LinkedHashMap<>();
            for (ExportedEntry e : readAll(client, binding, id)) {
                if (e.error().isPresent()) {
                    errors.put(e.key(), e.error().get());
                } else {
                    values.put(e.key(), new String(e.value(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(SAMPLE, values, binding);
            assertEquals(List.of("x:array-properties", "x:cycle"), List.copyOf(errors.keySet()), binding);
            assertEquals("array-properties", errors.get("x:array-properties").reason());
            assertEquals("cycle", errors.get("x:cycle").reason());
            assertEquals(Optional.of("$.self"), errors.get("x:cycle").path());
            assertFalse(errors.get("x:cycle").message().contains("loop"), "the value itself is never echoed");
        }
    }

    @Test
    void everyValueTypeSurvivesKvBackedStorage() throws IOException {
        assertSample(MiniflarePeer.KV_DO);
    }

    @Test
    void everyValueTypeSurvivesSqliteBackedStorage() throws IOException {
        assertSample(MiniflarePeer.SQL_DO);
    }

    private static List<String> rows(ExportWorkerClient client, String id, String table) throws IOException {
        List<String> out = new ArrayList<>();
        OptionalLong after = OptionalLong.empty();
        do {
            RowPage page = client.rows(MiniflarePeer.SQL_DO, id, table, after, 2);
            page.rows().forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
            after = page.next();
        } while (after.isPresent());
        return out;
    }

    @Test
    void sqlTablesOfASqliteBackedObjectPageOut() throws IOException {
        String id = seed(peer, "seed", MiniflarePeer.SQL_DO, "sql-tables");
        try (ExportWorkerClient client = client()) {
            ObjectSchema schema = client.schema(MiniflarePeer.SQL_DO, id);
            assertTrue(schema.sqlite());
            assertEquals(
                    List.of("people:table", "people_name:index", "tags:table"),
                    schema.items().stream().map(i -> i.name() + ":" + i.type()).toList());
            SchemaItem people = schema.items().get(0);
            assertEquals(List.of("id", "name", "score", "photo"), people.columns());
            assertFalse(people.withoutRowid());
            assertTrue(schema.items().get(2).withoutRowid());
            assertEquals(TestAppValues.PEOPLE_ROWS, rows(client, id, "people"));
            assertEquals(TestAppValues.TAGS_ROWS, rows(client, id, "tags"));
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> client.rows(MiniflarePeer.SQL_DO, id, "_cf_KV", OptionalLong.empty(), 10));
            assertEquals(ErrorKind.REJECTED, e.kind(), "internal tables are not exported");
        }
    }

    @Test
    void aKvBackedObjectHasNoSqlSchema() throws IOException {
        String id = seed(peer, "seed", MiniflarePeer.KV_DO, "no-sql");
        try (ExportWorkerClient client = client()) {
            ObjectSchema schema = client.schema(MiniflarePeer.KV_DO, id);
            assertFalse(schema.sqlite());
            assertEquals(List.of(), schema.items());
        }
    }

    @Test
    void anUnwrappedClassIsNamedWithTheFix() throws IOException {
        String id = seed(peer, "seed", MiniflarePeer.UNWRAPPED_DO, "unwrapped");
        try (ExportWorkerClient client = client()) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> client.entries(MiniflarePeer.UNWRAPPED_DO, id, Optional.empty(), 10));
            assertEquals(ErrorKind.REJECTED, e.kind());
            assertTrue(
                    e.hint().orElse("").contains("withLandfallExport"), e.hint().orElse(""));
        }
    }

    @Test
    void theWrapperLeavesTheOperatorsRoutesAloneAndChecksTheSecretItself() throws Exception {
        assertEquals("the operator's own route", testRoute(peer, "test/passthrough"));
        HttpClient http = HttpClient.newHttpClient();
        for (String auth : new String[] {"Bearer wrong", "Bearer " + SECRET.reveal()}) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    peer.url() + "test/direct/KV_STORE/direct/landfall/v1/do/KV_STORE/x/entries"))
                            .header("Authorization", auth)
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (auth.endsWith("wrong")) {
                assertEquals(401, r.statusCode(), r.body());
                assertEquals("{\"error\":\"unauthorized\"}", r.body());
            } else {
                assertEquals(200, r.statusCode(), r.body());
            }
        }
    }

    @Test
    void protocolTwoServesTheObjectsAsProtocolOneAndNoCaptureWithoutTheBinding() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String id = seed(peer, "seed-bulk", MiniflarePeer.SQL_DO, "both-versions?n=3");
        List<String> bodies = new ArrayList<>();
        for (String version : List.of("v1", "v2")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(peer.url() + "landfall/" + version + "/do/" + MiniflarePeer.SQL_DO
                                    + "/" + id + "/entries"))
                            .header("Authorization", "Bearer " + SECRET.reveal())
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            bodies.add(r.body());
        }
        assertEquals(bodies.get(0), bodies.get(1));
        assertTrue(bodies.get(0).contains("entry:000002"), bodies.get(0));

        HttpResponse<String> info = http.send(
                HttpRequest.newBuilder(URI.create(peer.url() + "landfall/v2/info"))
                        .header("Authorization", "Bearer " + SECRET.reveal())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode v2 = MAPPER.readTree(info.body());
        assertEquals(2, v2.path("protocol").asInt());
        assertTrue(v2.path("capture").isNull(), "no LANDFALL_CHANGES binding: capture is null, " + v2);
        assertEquals(3, v2.path("durableObjects").size(), v2.toString());

        HttpResponse<String> changes = http.send(
                HttpRequest.newBuilder(URI.create(peer.url() + "landfall/v2/changes/0/read"))
                        .header("Authorization", "Bearer " + SECRET.reveal())
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, changes.statusCode(), changes.body());
        assertTrue(changes.body().contains("capture is off"), changes.body());
    }

    @Test
    void kvKeysAndValuesComeOutByteExact() throws IOException {
        testRoute(peer, "test/seed-kv?n=30");
        try (ExportWorkerClient client = client()) {
            List<WorkerKey> keys = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                KvKeyPage page = client.kvKeys(MiniflarePeer.KV, cursor, 7);
                assertTrue(page.keys().size() <= 7);
                keys.addAll(page.keys());
                cursor = page.cursor();
            } while (cursor.isPresent());
            // the 30 bulk keys and three special ones; the contract test adds "landfall-metadata"
            assertEquals(
                    33,
                    keys.stream().filter(k -> !k.name().startsWith("landfall-")).count());
            WorkerKey expiring = keys.stream()
                    .filter(k -> k.name().equals("expiring"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(OptionalLong.of(2000000000L), expiring.expiration());
            List<WorkerValue> values = client.kvValues(MiniflarePeer.KV, List.of("binary", "text", "missing"));
            assertEquals(
                    List.of("binary", "text", "missing"),
                    values.stream().map(WorkerValue::key).toList());
            assertEquals(
                    List.of(0, 1, 2, 255, 254), unsigned(values.get(0).value().orElseThrow()));
            assertEquals("h\u00e9llo", new String(values.get(1).value().orElseThrow(), StandardCharsets.UTF_8));
            assertEquals(
                    Optional.of("{\"v\":1,\"tags\":[\"a\"]}"), values.get(1).metadataJson());
            assertEquals(Optional.empty(), values.get(2).value());
        }
    }

    private static List<Integer> unsigned(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        for (byte b : bytes) {
            out.add(b & 0xff);
        }
        return out;
    }
}
