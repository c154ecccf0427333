package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.Key;
import dev.landfall.core.time.FakeClock;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in writer: its mix, that every write it makes is in the change log and in the store
 * as the log says, determinism, KV's limits, and its thread's pause, resume and stop. On a frozen
 * {@link FakeClock} its thread owes no write, so {@link CaptureWriter#step()} alone drives it.
 */
class CaptureWriterTest {
    private static final int SHARDS = 4;
    private final FakeClock clock = new FakeClock();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<SandboxServer> servers = new ArrayList<>();

    private SandboxServer start(long seed, Clock on, int perSecond) {
        Consumer<String> sink = warnings::add;
        SandboxServer s = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .randomSeed(seed)
                        .seedKv(List.of(KvSeed.parse("SESSIONS=200:16"), KvSeed.parse("FLAGS=50:8")))
                        .capture(Capture.on().withShards(SHARDS).withWrites(perSecond))
                        .build(),
                on,
                sink);
        servers.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        servers.forEach(SandboxServer::close);
    }

    /** {@code binding + "/" + key} to the change, over every shard, read through the routes. */
    private static Map<String, JsonNode> changes(SandboxServer server) throws IOException {
        Api worker = new Api(server, server.exportSecret());
        Map<String, JsonNode> out = new HashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            long after = 0;
            while (true) {
                JsonNode page = worker.postJson(
                                server.exportWorkerUrl() + "/landfall/v2/changes/" + shard + "/read",
                                "{\"after\":" + after + ",\"limit\":100}")
                        .json();
                for (JsonNode c : page.path("changes")) {
                    JsonNode old = out.put(
                            c.path("binding").asText() + "/" + c.path("key").asText(), c);
                    assertNull(old, "one pending change a key: " + c);
                }
                if (page.path("next").isNull()) {
                    break;
                }
                after = page.path("next").asLong();
            }
        }
        return out;
    }

    private static Map<String, KvItem> items(SandboxServer server) {
        Map<String, KvItem> out = new HashMap<>();
        for (KvNamespaceState n : server.kvStore().all()) {
            for (Key k : n.keys()) {
                n.get(k, Long.MIN_VALUE).ifPresent(i -> out.put(n.title() + "/" + k.text(), i));
            }
        }
        return out;
    }

    private static void steps(CaptureWriter w, int n) {
        for (int i = 0; i < n; i++) {
            w.step();
        }
    }

    @Test
    void theMixIsNewKeysOverwritesDeletesAndExpiringKeys() {
        CaptureWriter w = start(1, clock, 1000).writer().orElseThrow();
        steps(w, 4000);
        CaptureWriter.Mix mix = w.mix();
        assertEquals(4000, mix.total());
        assertEquals(4000, w.writes(), "the thread made none on a frozen clock");
        assertTrue(Math.abs(mix.newKeys() - 1600) < 120, mix.toString());
        assertTrue(Math.abs(mix.overwrites() - 1400) < 120, mix.toString());
        assertTrue(Math.abs(mix.deletes() - 600) < 80, mix.toString());
        assertTrue(Math.abs(mix.expiring() - 400) < 80, mix.toString());
    }

    @Test
    void withDurableObjectsAFifthOfTheWritesGoToObjectsEachRecordedAsItsObject() throws IOException {
        SandboxServer server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .randomSeed(9)
                        .seedKv(List.of(KvSeed.parse("SESSIONS=100:16")))
                        .seedDo(List.of(DoSeed.parse("Room=3x4")))
                        .capture(Capture.on().withShards(SHARDS).withWrites(1000))
                        .build(),
                clock,
                (Consumer<String>) warnings::add);
        servers.add(server);
        CaptureWriter w = server.writer().orElseThrow();
        steps(w, 2000);
        assertTrue(Math.abs(w.mix().objects() - 400) < 80, w.mix().toString());
        assertTrue(
                w.mix().toString().endsWith(w.mix().objects() + " object writes)"),
                w.mix().toString());
        Map<String, JsonNode> log = changes(server);
        List<JsonNode> objects = log.values().stream()
                .filter(c -> c.path("binding").asText().equals("do:Room"))
                .toList();
        assertEquals(3, objects.size(), "one pending change an object: " + objects);
        Api worker = new Api(server, server.exportSecret());
        for (JsonNode c : objects) {
            assertEquals("object", c.path("op").asText());
            JsonNode entries = worker.postJson(
                            server.exportWorkerUrl() + "/landfall/v1/do/Room/"
                                    + c.path("key").asText() + "/entries",
                            "{\"limit\":1000}")
                    .json()
                    .path("entries");
            long written = 0;
            for (JsonNode e : entries) {
                written += e.path("key").asText().startsWith("live:") ? 1 : 0;
            }
            assertTrue(written > 0, "the object holds the writer's keys: " + entries);
        }
        assertEquals(0, start(1, clock, 1000).writer().orElseThrow().mix().objects(), "no objects, no object writes");
    }

    @Test
    void everyWriteIsInTheLogAndTheStoreIsAsTheLogSays() throws IOException {
        SandboxServer server = start(3, clock, 1000);
        server.kvStore().create("LATER");
        Map<String, KvItem> before = items(server);
        CaptureWriter w = server.writer().orElseThrow();
        steps(w, 1500);
        Map<String, KvItem> after = items(server);
        Map<String, JsonNode> log = changes(server);

        Set<String> touched = new HashSet<>(before.keySet());
        touched.addAll(after.keySet());
        touched.removeIf(k -> before.get(k) == after.get(k));
        assertFalse(touched.isEmpty());
        for (String k : touched) {
            assertTrue(log.containsKey(k), "a write was made unrecorded: " + k);
        }
        int expiring = 0;
        for (Map.Entry<String, JsonNode> e : log.entrySet()) {
            JsonNode c = e.getValue();
            assertTrue(e.getKey().startsWith("SESSIONS/") || e.getKey().startsWith("FLAGS/"), e.getKey());
            KvItem item = after.get(e.getKey());
            if (c.path("op").asText().equals("delete")) {
                assertNull(item, "deleted as logged: " + e.getKey());
            } else {
                assertNotNull(item, "put as logged: " + e.getKey());
                if (c.path("expiration").isNull()) {
                    assertNull(item.expiration(), e.getKey());
                } else {
                    expiring++;
                    assertEquals(
                            clock.epochSecond() + 3600, c.path("expiration").asLong());
                    assertEquals(c.path("expiration").asLong(), item.expiration());
                }
            }
        }
        assertTrue(expiring > 0, "some puts expire an hour ahead");
    }

    @Test
    void valuesAndMetadataKeepToKvsLimits() throws IOException {
        SandboxServer server = start(5, clock, 1000);
        steps(server.writer().orElseThrow(), 1000);
        Map<String, KvItem> after = items(server);
        int withMetadata = 0;
        for (Map.Entry<String, JsonNode> e : changes(server).entrySet()) {
            KvItem item = after.get(e.getKey());
            if (item == null) {
                continue;
            }
            int size = item.value().bytes().length;
            assertTrue(size >= 16 && size <= 256, e.getKey() + ": " + size + " bytes");
            assertTrue(item.key().size() <= 512);
            if (item.metadataJson() != null) {
                withMetadata++;
                assertTrue(item.metadataJson().getBytes(StandardCharsets.UTF_8).length <= 1024);
                assertTrue(Api.JSON.readTree(item.metadataJson()).isObject(), item.metadataJson());
            }
        }
        assertTrue(withMetadata > 0);
    }

    @Test
    void theSameSeedMakesTheSameWrites() throws IOException {
        SandboxServer a = start(7, clock, 1000);
        SandboxServer b = start(7, clock, 1000);
        SandboxServer c = start(8, clock, 1000);
        for (SandboxServer s : List.of(a, b, c)) {
            steps(s.writer().orElseThrow(), 500);
        }
        assertEquals(summary(a), summary(b));
        assertEquals(a.writer().orElseThrow().mix(), b.writer().orElseThrow().mix());
        assertNotEquals(summary(a), summary(c));
    }

    /** Each logged key with its op and, for a put, its value. */
    private static Map<String, String> summary(SandboxServer s) throws IOException {
        Map<String, KvItem> items = items(s);
        Map<String, String> out = new HashMap<>();
        changes(s).forEach((k, c) -> {
            KvItem i = items.get(k);
            out.put(
                    k,
                    c.path("op").asText() + " "
                            + (i == null ? "-" : new String(i.value().bytes(), StandardCharsets.ISO_8859_1)));
        });
        return out;
    }

    @Test
    void theThreadWritesUntilPausedResumesAndStopsWithTheSandbox() {
        SandboxServer server = start(9, Clock.systemUTC(), 2000);
        CaptureWriter w = server.writer().orElseThrow();
        assertEquals(2000, w.perSecond());
        await(() -> w.writes() >= 50, "the writer's thread writes");

        w.pause();
        long paused = w.writes();
        w.step();
        assertEquals(paused + 1, w.writes(), "a step is made while paused");
        w.resume();
        await(() -> w.writes() > paused + 1, "it writes again after resume");

        w.pause();
        long last = w.writes();
        assertEquals(last, w.stop(), "nothing is written after pause returns");
        server.close();
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals("landfall-sandbox-writer") && t.isAlive()),
                "the writer's thread ends with the sandbox");
    }

    @Test
    void everySeededNamespaceIsWritten() throws IOException {
        SandboxServer server = start(11, clock, 1);
        steps(server.writer().orElseThrow(), 200);
        Set<String> bindings = new HashSet<>();
        changes(server).values().forEach(c -> bindings.add(c.path("binding").asText()));
        assertEquals(Set.of("SESSIONS", "FLAGS"), bindings);
    }

    /** Polls until {@code done} holds; a deadline, not a timing assertion. */
    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
