package dev.landfall.cloudflare.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.cloudflare.api.WorkersClient;
import dev.landfall.cloudflare.kv.ExactText;
import dev.landfall.core.config.Secret;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.SandboxStats;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner against the sandbox: what it finds, what it costs, and that it asks as the contract says. */
class InventoryScannerTest {
    private static final String KEYS = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys";
    private static final String OBJECTS = "/accounts/{account_id}/workers/durable_objects/namespaces/{id}/objects";

    private static final String BULK_GET = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";

    /** Values of the namespace that bulk get cannot return exactly as text, from the sandbox's state. */
    private static long binaryValues(SandboxServer server, String title) {
        long now = Instant.now().getEpochSecond();
        KvNamespaceState ns = server.kvStore().all().stream()
                .filter(n -> n.title().equals(title))
                .findFirst()
                .orElseThrow();
        return ns.keys().stream()
                .map(k -> ns.get(k, now))
                .flatMap(java.util.Optional::stream)
                .filter(item -> !ExactText.exact(new String(item.value().bytes(), StandardCharsets.UTF_8)))
                .count();
    }

    static SandboxConfig.Builder config(String... kv) {
        SandboxConfig.Builder c = SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED);
        for (String k : kv) {
            c.addSeedKv(KvSeed.parse(k));
        }
        return c;
    }

    static CloudflareClient client(SandboxServer server) {
        return new CloudflareClient(
                new CloudflareEndpoint(server.baseUrl(), server.accountId(), Secret.of(server.token())),
                CloudflareClientOptions.builder()
                        .budget(RequestBudget.CLOUDFLARE_DEFAULT)
                        .build());
    }

    @Test
    void findsScriptsBindingsNamespacesAndObjectsAndCountsWhatItSpent() throws IOException {
        SandboxConfig config = config("SESSIONS=1200", "USERS=150")
                .addSeedDo(DoSeed.parse("Room=25x1"))
                .addSeedDo(DoSeed.parse("Counter=12000x0"))
                .build();
        List<String> progress = new ArrayList<>();
        try (SandboxServer server = SandboxServer.start(config);
                CloudflareClient client = client(server)) {
            AccountInventory inv = new InventoryScanner(client, Clock.systemUTC(), progress::add).scan(false);

            assertEquals(
                    List.of("landfall-sandbox-app", "landfall-sandbox-cron"),
                    inv.scripts().stream().map(WorkerScript::name).toList());
            WorkerScript app = inv.scripts().get(0);
            assertEquals(List.of("fetch", "queue", "scheduled"), app.handlers());
            List<String> types =
                    app.bindings().stream().map(WorkerBinding::type).toList();
            assertTrue(
                    types.containsAll(List.of(
                            "kv_namespace",
                            "durable_object_namespace",
                            "queue",
                            "r2_bucket",
                            "d1",
                            "secret_text",
                            "analytics_engine",
                            "service",
                            "ai_search_namespace")),
                    types.toString());

            assertEquals(
                    List.of("SESSIONS", "USERS"),
                    inv.kv().stream().map(KvNamespaceItem::title).toList());
            assertEquals(
                    List.of("landfall-sandbox-app.SESSIONS"), inv.kv().get(0).boundBy());
            assertTrue(inv.kv().get(0).keys().isEmpty(), "keys are counted only when asked");

            Map<String, DoNamespaceItem> dos = new java.util.HashMap<>();
            inv.durableObjects().forEach(d -> dos.put(d.className(), d));
            assertEquals(25, dos.get("Room").objects());
            assertEquals(1, dos.get("Room").listRequests());
            assertEquals(12_000, dos.get("Counter").objects());
            assertEquals(2, dos.get("Counter").listRequests(), "10,000 ids a page");
            assertEquals(
                    List.of("landfall-sandbox-app.COUNTER"), dos.get("Counter").boundBy());
            assertEquals(12_025, inv.objects());

            SandboxStats stats = server.stats();
            assertEquals(stats.totalRequests(), inv.requests(), "every request the sandbox saw is accounted");
            assertEquals(0, stats.requests("GET", KEYS));
            assertEquals(3, stats.requests("GET", OBJECTS));
            assertEquals(2, stats.requests("GET", "/accounts/{account_id}/workers/scripts/{script_name}/settings"));
            assertEquals(0, inv.countingRequests());
            ContractCheck.assertEveryRouteIsASpecOperation(stats);
            assertTrue(ContractCheck.withinQueryBounds("GET", OBJECTS, "limit", WorkersClient.MAX_OBJECTS_PER_PAGE));
        }
    }

    @Test
    void countKeysListsEveryKeyAndSaysWhatItCost() throws IOException {
        try (SandboxServer server = SandboxServer.start(
                        config("SESSIONS=1200", "USERS=150", "TINY=5").build());
                CloudflareClient client = client(server)) {
            AccountInventory inv = new InventoryScanner(client, Clock.systemUTC(), s -> {}).scan(true);
            Map<String, KeyCount> counts = new java.util.HashMap<>();
            inv.kv().forEach(ns -> counts.put(ns.title(), ns.keys().orElseThrow()));
            assertEquals(1200, counts.get("SESSIONS").keys());
            assertEquals(2, counts.get("SESSIONS").listRequests());
            assertEquals(150, counts.get("USERS").keys());
            assertEquals(1, counts.get("USERS").listRequests());
            assertEquals(5, counts.get("TINY").keys());
            assertEquals(1, counts.get("TINY").listRequests());
            assertTrue(counts.get("SESSIONS").keyBytes() > 1200);
            assertEquals(4, inv.countingRequests());
            assertEquals(4, server.stats().requests("GET", KEYS), "the accounting equals what the API served");

            Map<String, ValueSample> samples = new java.util.HashMap<>();
            inv.kv().forEach(ns -> samples.put(ns.title(), ns.sample().orElseThrow()));
            for (String small : List.of("USERS", "TINY")) {
                ValueSample s = samples.get(small);
                assertTrue(s.everyKey(), small + " is read whole");
                assertEquals(binaryValues(server, small), s.readAlone(), small + ": its binary values, exactly");
            }
            ValueSample sessions = samples.get("SESSIONS");
            assertEquals(1000, sessions.asked(), "1,000 of 1,200 keys, spread over them");
            assertFalse(sessions.everyKey());
            assertEquals(10, sessions.requests());
            assertTrue(sessions.readAlone() > 0, "the seed's binary values are met: " + sessions);
            assertEquals(10 + 2 + 1, inv.samplingRequests());
            assertEquals(13, server.stats().requests("POST", BULK_GET));
            assertEquals(server.stats().totalRequests(), inv.requests());
        }
    }

    @Test
    void reportsMatchTheGoldens() throws IOException {
        // A fixed clock on both sides: the sandbox dates its scripts by it, the report is stamped with it.
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        SandboxConfig config = config("SESSIONS=1200", "FLAGS=30")
                .addSeedDo(DoSeed.parse("Room=25x1"))
                .build();
        try (SandboxServer server = SandboxServer.start(config, fixed);
                CloudflareClient client = client(server)) {
            AccountInventory inv = new InventoryScanner(client, fixed, s -> {}).scan(true);
            Answers answers = Answers.NONE
                    .with("request-path", "edge", "test")
                    .with("p99-target", "50ms", "test")
                    .with("data-heat", "hot", "test");
            InventoryReport report = new InventoryReport(
                    inv, Assessor.assess(inv, answers), ExportEstimate.of(inv, RequestBudget.CLOUDFLARE_DEFAULT));
            Goldens.assertMatch(
                    "inventory/golden.txt", Goldens.render(w -> new InventoryTextRenderer().render(report, w)));
            Goldens.assertMatch(
                    "inventory/golden.md", Goldens.render(w -> new InventoryMarkdownRenderer().render(report, w)));
            String json = Goldens.render(w -> new InventoryJsonRenderer().render(report, w));
            Goldens.assertMatch("inventory/golden.json", json);
            JsonNode doc = new ObjectMapper().readTree(json);
            assertEquals(InventoryReport.VERSION, doc.get("version").asInt());
            assertEquals("self-hostable", doc.at("/assessment/unanswered/0").asText());
            String html = Goldens.render(w -> new InventoryHtmlRenderer().render(report, w));
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("id=\"verdict\""), html);
            assertTrue(
                    html.contains("<h2 id=\"estimate-inputs\">Inputs of the export estimate</h2>")
                            && html.contains("An estimate, not a measurement"),
                    "the HTML says it is an estimate and shows its inputs, as the other formats: " + html);
            assertFalse(
                    html.contains("<script") || html.contains("http://") || html.contains("https://"),
                    "self-contained: no script, no external asset");
            for (String text : List.of(json, html)) {
                assertFalse(text.contains(server.token()), "the token is never in a report");
            }
        }
    }
}
