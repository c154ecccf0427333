package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.time.FakeClock;
import dev.landfall.sandbox.internal.DurableObjectStore;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedingTest {
    private static final SandboxConfig SEEDED = SandboxConfig.builder()
            .rateLimit(RateLimit.UNLIMITED)
            .seedKv(List.of(KvSeed.parse("SESSIONS=2000"), KvSeed.parse("USERS=40:128")))
            .seedDo(List.of(DoSeed.parse("Room=25x30"), DoSeed.parse("Counter=3x0")))
            .build();

    @Test
    void twentyThousandKeysSeedFast() {
        long t0 = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.builder()
                        .seedKv(List.of(KvSeed.parse("SESSIONS=20000")))
                        .build(),
                new FakeClock())) {
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(ms < 1000, "started in " + ms + " ms");
            KvNamespaceState ns = server.kvStore().all().get(0);
            assertEquals(20000, ns.storedCount());
        }
    }

    @Test
    void sameSeedSameData() throws IOException {
        FakeClock clock = new FakeClock();
        try (SandboxServer a = SandboxServer.start(SEEDED, clock);
                SandboxServer b = SandboxServer.start(SEEDED, clock);
                SandboxServer c =
                        SandboxServer.start(SEEDED.toBuilder().randomSeed(2).build(), clock)) {
            assertEquals(a.kvNamespaces(), b.kvNamespaces());
            assertNotEquals(a.kvNamespaces(), c.kvNamespaces());
            String nsA = a.kvNamespaces().get(0).namespaceId();
            String nsB = b.kvNamespaces().get(0).namespaceId();
            assertEquals(listAll(new Api(a), nsA), listAll(new Api(b), nsB));
            for (KvItem item : items(a, 0)) {
                KvItem other =
                        b.kvStore().find(nsB).orElseThrow().get(item.key(), 0).orElseThrow();
                assertArrayEquals(
                        item.value().bytes(), other.value().bytes(), item.key().text());
                assertEquals(item.metadataJson(), other.metadataJson());
                assertEquals(item.expiration(), other.expiration());
            }
            assertEquals(
                    a.durableObjects().namespaces().get(0).objectIds(),
                    b.durableObjects().namespaces().get(0).objectIds());
        }
    }

    @Test
    void seededKeysHaveTheHardCases() throws IOException {
        FakeClock clock = new FakeClock();
        long now = clock.instant().getEpochSecond();
        try (SandboxServer server = SandboxServer.start(SEEDED, clock)) {
            Api api = new Api(server);
            KvNamespace sessions = server.kvNamespaces().get(0);
            assertEquals("SESSIONS", sessions.title());
            assertEquals("USERS", server.kvNamespaces().get(1).title());
            List<KvItem> items = items(server, 0);
            assertEquals(2000, items.size());
            Set<String> names = new HashSet<>();
            int unicode = 0,
                    reserved = 0,
                    max512 = 0,
                    empty = 0,
                    binary = 0,
                    bigValues = 0,
                    metadata = 0,
                    soon = 0,
                    later = 0;
            for (KvItem i : items) {
                String k = i.key().text();
                names.add(k);
                unicode += k.chars().anyMatch(ch -> ch > 127) ? 1 : 0;
                reserved += k.matches(".*[/?#%+ ].*") ? 1 : 0;
                max512 += i.key().size() == 512 ? 1 : 0;
                empty += i.value().size() == 0 ? 1 : 0;
                binary += isUtf8(i.value()) ? 0 : 1;
                bigValues += i.value().size() >= 3 * 1024 * 1024 ? 1 : 0;
                metadata += i.metadataJson() != null ? 1 : 0;
                if (i.expiration() != null) {
                    if (i.expiration() <= now + 15 * 60) {
                        soon++;
                    } else {
                        later++;
                    }
                }
                if (i.metadataJson() != null) {
                    Api.JSON.readTree(i.metadataJson());
                    assertTrue(i.metadataJson().getBytes(StandardCharsets.UTF_8).length <= 1024);
                }
            }
            assertTrue(names.contains("a/b c:d?é%+#"));
            assertTrue(unicode >= 5, "unicode keys: " + unicode);
            assertTrue(reserved >= 10, "keys with / ? # % + or space: " + reserved);
            assertEquals(2, max512);
            assertTrue(empty >= 1 && binary >= 2, "empty " + empty + ", binary " + binary);
            assertEquals(2, bigValues);
            assertTrue(metadata > 200 && metadata < 700, "metadata on " + metadata);
            assertTrue(soon >= 2 && later >= 10, "soon " + soon + ", later " + later);
            int ordinary = 0;
            for (KvItem i : items) {
                ordinary += i.value().size() >= 64 && i.value().size() <= 256 ? 1 : 0;
            }
            assertTrue(ordinary > 1800, "most values are 64..256 bytes: " + ordinary);
            for (KvItem i : items(server, 1)) {
                assertTrue(
                        i.value().size() == 128
                                || i.value().size() == 0
                                || i.value().size() == 300,
                        "USERS=40:128");
            }

            // every seeded key reads back over HTTP with wrangler's encoding, bytes intact
            KvItem hard = server.kvStore()
                    .find(sessions.namespaceId())
                    .orElseThrow()
                    .get(Key.of("a/b c:d?é%+#"), now)
                    .orElseThrow();
            Api.Reply r = api.get(api.ns(sessions.namespaceId(), "/values/" + Api.encodeUriComponent("a/b c:d?é%+#")));
            assertArrayEquals(hard.value().bytes(), r.body());

            // the listing over HTTP is complete and in byte order, with soon-expiring keys gone later
            List<String> listed = listAll(api, sessions.namespaceId());
            assertEquals(2000, listed.size());
            List<String> sorted = new ArrayList<>(listed);
            sorted.sort((x, y) -> Key.of(x).compareTo(Key.of(y)));
            assertEquals(sorted, listed);
            clock.advance(Duration.ofMinutes(16));
            assertEquals(2000 - soon, listAll(api, sessions.namespaceId()).size());
        }
    }

    @Test
    void durableObjectListsOfferBothCursorForms() throws IOException {
        try (SandboxServer server = SandboxServer.start(SEEDED, new FakeClock())) {
            Api api = new Api(server);
            JsonNode list =
                    api.get(api.account("/workers/durable_objects/namespaces")).json();
            assertEquals(2, list.path("result").size());
            assertEquals(2, list.path("result_info").path("total_count").asInt());
            JsonNode room = list.path("result").path(0);
            assertEquals("Room", room.path("class").asText());
            assertEquals("landfall-sandbox-app", room.path("script").asText());
            assertTrue(room.path("id").asText().matches("[0-9a-f]{32}"));
            assertTrue(room.has("name") && room.path("use_sqlite").isBoolean());
            assertTrue(api.get(api.account("/workers/durable_objects/namespaces?page=2"))
                    .json()
                    .path("result")
                    .isEmpty());

            String objects = api.account(
                    "/workers/durable_objects/namespaces/" + room.path("id").asText() + "/objects");
            List<String> viaCursor = pageObjects(api, objects, false);
            List<String> viaAfter = pageObjects(api, objects, true);
            assertEquals(25, viaCursor.size());
            assertEquals(viaCursor, viaAfter);
            assertEquals(new ArrayList<>(new java.util.TreeSet<>(viaCursor)), viaCursor, "ids in order");
            viaCursor.forEach(id -> assertTrue(id.matches("[0-9a-f]{64}"), id));
            assertEquals(400, api.get(objects + "?limit=9").status());
            assertEquals(400, api.get(objects + "?limit=10001").status());
            assertEquals(
                    404,
                    api.get(api.account("/workers/durable_objects/namespaces/" + "f".repeat(32) + "/objects"))
                            .status());

            DurableObjectStore.Namespace ns =
                    server.durableObjects().namespaces().get(0);
            List<Entry> entries = ns.entries(viaCursor.get(3));
            assertEquals(30, entries.size());
            assertEquals(entries, ns.entries(viaCursor.get(3)), "deterministic");
            for (int i = 1; i < entries.size(); i++) {
                assertTrue(entries.get(i - 1).key().compareTo(entries.get(i).key()) < 0);
            }
            for (Entry e : entries) {
                Api.JSON.readTree(e.value());
            }
            assertTrue(entries.stream()
                    .anyMatch(e -> new String(e.value(), StandardCharsets.UTF_8).contains("\"$t\":\"Date\"")));
            assertTrue(ns.entries("nope").isEmpty());
            assertEquals(
                    0,
                    server.durableObjects()
                            .namespaces()
                            .get(1)
                            .entries(server.durableObjects()
                                    .namespaces()
                                    .get(1)
                                    .objectIds()
                                    .get(0))
                            .size());
        }
    }

    @Test
    void scriptsAndSettingsBindTheSeededNamespaces() throws IOException {
        try (SandboxServer server = SandboxServer.start(SEEDED, new FakeClock())) {
            Api api = new Api(server);
            JsonNode scripts = api.get(api.account("/workers/scripts")).json().path("result");
            assertEquals("landfall-sandbox-app", scripts.path(0).path("id").asText());
            for (String field : List.of(
                    "created_on",
                    "modified_on",
                    "etag",
                    "handlers",
                    "compatibility_date",
                    "usage_model",
                    "has_modules",
                    "migration_tag")) {
                assertTrue(scripts.path(0).has(field), field);
            }
            JsonNode bindings = api.get(api.account("/workers/scripts/landfall-sandbox-app/settings"))
                    .json()
                    .path("result")
                    .path("bindings");
            Set<String> kvIds = new HashSet<>();
            Set<String> classes = new HashSet<>();
            Set<String> types = new HashSet<>();
            for (JsonNode b : bindings) {
                assertTrue(b.has("name"));
                types.add(b.path("type").asText());
                if (b.path("type").asText().equals("kv_namespace")) {
                    kvIds.add(b.path("namespace_id").asText());
                }
                if (b.path("type").asText().equals("durable_object_namespace")) {
                    classes.add(b.path("class_name").asText());
                    assertTrue(server.durableObjects()
                            .find(b.path("namespace_id").asText())
                            .isPresent());
                }
                if (b.path("type").asText().equals("secret_text")) {
                    assertFalse(b.has("text"), "secrets never come back");
                }
            }
            Set<String> seededIds = new HashSet<>();
            server.kvNamespaces().forEach(n -> seededIds.add(n.namespaceId()));
            assertEquals(seededIds, kvIds);
            assertEquals(Set.of("Room", "Counter"), classes);
            assertTrue(types.containsAll(
                    List.of("queue", "r2_bucket", "d1", "secret_text", "plain_text", "analytics_engine", "service")));
            assertTrue(
                    types.stream()
                            .anyMatch(t -> !List.of(
                                            "kv_namespace",
                                            "durable_object_namespace",
                                            "queue",
                                            "r2_bucket",
                                            "d1",
                                            "secret_text",
                                            "plain_text",
                                            "analytics_engine",
                                            "service")
                                    .contains(t)),
                    "one unknown type");
            Api.Reply missing = api.get(api.account("/workers/scripts/nope/settings"));
            assertEquals(404, missing.status());
            assertEquals(10007, missing.errorCode());
        }
    }

    private static List<KvItem> items(SandboxServer server, int index) {
        KvNamespaceState ns = server.kvStore().all().get(index);
        return ns.list(new byte[0], null, Integer.MAX_VALUE, 0).items();
    }

    private static boolean isUtf8(dev.landfall.sandbox.internal.KvValue v) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(v.bytes()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static List<String> listAll(Api api, String ns) throws IOException {
        List<String> out = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode j = api.get(api.ns(ns, "/keys?prefix=" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)))
                    .json();
            out.addAll(KvKeysTest.names(j));
            cursor = j.path("result_info").path("cursor").asText();
        } while (!cursor.isEmpty());
        return out;
    }

    private static List<String> pageObjects(Api api, String url, boolean useAfter) throws IOException {
        List<String> out = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode j = api.get(url + "?limit=10" + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
                    .json();
            j.path("result").forEach(o -> {
                out.add(o.path("id").asText());
                assertTrue(o.path("hasStoredData").asBoolean());
            });
            JsonNode info = j.path("result_info");
            assertEquals(j.path("result").size(), info.path("count").asInt());
            cursor = useAfter
                    ? info.path("cursors").path("after").asText("")
                    : info.path("cursor").asText();
        } while (!cursor.isEmpty());
        return out;
    }
}
