package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable Object capture in real workerd ({@code do-capture.mjs}): the capture app's classes,
 * wrapped by {@code withLandfallExport} in a Worker that binds the change log, record each object
 * once however many writes it took, and neither the class nor the export ever sees the outbox.
 */
class MiniflareObjectCaptureIT {
    private static final String SECRET = "miniflare-object-capture-secret-0123456789abcdef";
    private static final int SHARDS = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static MiniflarePeer peer;

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        if (peers.isEmpty()) {
            return;
        }
        peer = MiniflarePeer.startCaptureApp(
                peers.get(),
                Files.createDirectories(work.resolve("app")),
                SECRET,
                Map.of("LANDFALL_CAPTURE_SHARDS", String.valueOf(SHARDS)));
    }

    @AfterAll
    static void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void eachObjectIsRecordedOnceAsItselfAfterManyWritesOfEveryKind() throws IOException {
        Assumptions.assumeTrue(peer != null, "miniflare is not installed; skipping");
        for (String c : List.of("Notes", "Counters")) {
            String object = "once-" + c;
            String id = objectId(c, object);
            String at = "do/%s?class=" + c + "&object=" + object + "&key=%s&value=v";
            app(String.format(at, "put", "a"));
            app(String.format(at, "put-unawaited", "b"));
            app(String.format(at, "txn", "c"));
            app(String.format(at, "delete", "a"));
            if (c.equals("Notes")) {
                app("do/sql-upsert?class=Notes&object=" + object + "&id=r1&value=x");
            }
            List<JsonNode> mine = changesOf(id);
            assertEquals(1, mine.size(), "one pending change for the object: " + mine);
            JsonNode change = mine.get(0);
            assertEquals("do:" + c, change.path("binding").asText());
            assertEquals("object", change.path("op").asText());
            assertEquals(id, change.path("key").asText());
            assertEquals(
                    List.of("b", "b:twin", "c"),
                    texts(app(String.format(at, "list", "x")).path("keys")));
        }
    }

    @Test
    void theOutboxIsHiddenFromTheClassAndFromTheExport() throws IOException {
        Assumptions.assumeTrue(peer != null, "miniflare is not installed; skipping");
        String counters = objectId("Counters", "hidden");
        for (String key : List.of("k1", "k2", "k3")) {
            app("do/put?class=Counters&object=hidden&key=" + key + "&value=v");
        }
        // The outbox key sorts after every key: a limit that reaches it still gives what the class asked for.
        assertEquals(
                List.of("k1", "k2", "k3"),
                texts(app("do/list?class=Counters&object=hidden&limit=3").path("keys")));
        assertEquals(
                List.of("k1", "k2"),
                texts(app("do/list?class=Counters&object=hidden&limit=2").path("keys")));
        JsonNode entries =
                post("landfall/v1/do/" + MiniflarePeer.CAPTURED_KV_DO + "/" + counters + "/entries", "{\"limit\":2}");
        assertEquals(2, entries.path("entries").size(), entries.toString());
        JsonNode rest = post(
                "landfall/v1/do/" + MiniflarePeer.CAPTURED_KV_DO + "/" + counters + "/entries",
                "{\"after\":" + entries.path("next") + "}");
        assertEquals(List.of("k3"), keys(rest.path("entries")), rest.toString());
        assertEquals("null", rest.path("next").toString());

        String notes = objectId("Notes", "hidden");
        app("do/sql-upsert?class=Notes&object=hidden&id=r1&value=x");
        JsonNode tables = post("landfall/v1/do/" + MiniflarePeer.CAPTURED_SQL_DO + "/" + notes + "/tables", "{}");
        List<String> names = new ArrayList<>();
        tables.path("schema").forEach(t -> names.add(t.path("name").asText()));
        assertEquals(List.of("notes"), names, tables.toString());
    }

    @Test
    void aWriteWhoseChangeCannotBeSentIsMadeStaysMarkedAndIsRecordedWithTheObjectsNextRequest() throws IOException {
        Assumptions.assumeTrue(peer != null, "miniflare is not installed; skipping");
        String at = "do/%s?class=Flaky&object=down&key=k&value=v";
        String id = objectId("Flaky", "down");
        app(String.format(at, "put", "k")); // wakes the object, records, clears
        assertEquals(0, app(String.format(at, "outbox", "k")).path("marked").asInt());
        trimAll();
        try {
            app(String.format(at, "log-down", "k"));
            app(String.format(at, "put", "k"));
            assertEquals(List.of(), changesOf(id), "the log was down");
            assertEquals(1, app(String.format(at, "outbox", "k")).path("marked").asInt(), "the write stays marked");
            // deleteAll erases the outbox: it refuses to run while its change cannot be recorded.
            assertEquals(500, status(String.format(at, "delete-all", "k")));
            assertEquals(List.of("k"), texts(app(String.format(at, "list", "x")).path("keys")), "nothing deleted");
        } finally {
            app(String.format(at, "log-up", "k"));
        }
        app(String.format(at, "list", "x")); // any request sends what is marked
        List<JsonNode> mine = changesOf(id);
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("do:Flaky", mine.get(0).path("binding").asText());
        assertEquals(0, app(String.format(at, "outbox", "k")).path("marked").asInt(), "cleared once recorded");
    }

    @Test
    void aWriteMadeByTheAlarmHandlerIsRecordedToo() throws IOException, InterruptedException {
        Assumptions.assumeTrue(peer != null, "miniflare is not installed; skipping");
        String id = objectId("Flaky", "alarmed");
        app("do/set-alarm?class=Flaky&object=alarmed"); // setting an alarm is not a storage write
        List<JsonNode> mine = List.of();
        for (int i = 0; i < 50 && mine.isEmpty(); i++) {
            Thread.sleep(100);
            mine = changesOf(id);
        }
        assertEquals(1, mine.size(), "the alarm's put was recorded");
        assertEquals(
                List.of("by-alarm"),
                texts(app("do/list?class=Flaky&object=alarmed").path("keys")));
        assertEquals(
                0, app("do/outbox?class=Flaky&object=alarmed").path("marked").asInt());
    }

    private static void trimAll() throws IOException {
        for (int shard = 0; shard < SHARDS; shard++) {
            JsonNode page = post("landfall/v2/changes/" + shard + "/read", "{}");
            post(
                    "landfall/v2/changes/" + shard + "/trim",
                    "{\"epoch\":\"" + page.path("epoch").asText() + "\",\"through\":"
                            + page.path("head").asLong() + "}");
        }
    }

    private static int status(String path) throws IOException {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(peer.url() + "app/" + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String objectId(String c, String name) throws IOException {
        return app("do-ids?class=" + c + "&names=" + name).get(0).asText();
    }

    /** The pending changes that name this object, from its shard. */
    private static List<JsonNode> changesOf(String objectId) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            for (JsonNode c :
                    post("landfall/v2/changes/" + shard + "/read", "{}").path("changes")) {
                if (c.path("key").asText().equals(objectId)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> keys(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(n -> out.add(n.path("key").asText()));
        return out;
    }

    private static JsonNode app(String path) throws IOException {
        return MAPPER.readTree(peer.testRoute("app/" + path));
    }

    private static JsonNode post(String path, String body) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(peer.url() + path))
                            .header("authorization", "Bearer " + SECRET)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return MAPPER.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
