package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvNamespacesTest {
    private SandboxServer server;
    private Api api;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults(), new FakeClock());
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createGetRenameDelete() throws IOException {
        Api.Reply created = api.postJson(api.account("/storage/kv/namespaces"), "{\"title\":\"My Own Namespace\"}");
        assertEquals(200, created.status());
        JsonNode ns = created.json().path("result");
        String id = ns.path("id").asText();
        assertTrue(id.matches("[0-9a-f]{32}"));
        assertEquals("My Own Namespace", ns.path("title").asText());
        assertTrue(ns.path("supports_url_encoding").asBoolean());

        assertEquals(
                "My Own Namespace",
                api.get(api.ns(id, "")).json().path("result").path("title").asText());

        Api.Reply dup = api.postJson(api.account("/storage/kv/namespaces"), "{\"title\":\"My Own Namespace\"}");
        assertEquals(400, dup.status());
        assertEquals(10014, dup.errorCode());

        Api.Reply renamed = api.putJson(api.ns(id, ""), "{\"title\":\"Renamed\"}");
        assertEquals(200, renamed.status());
        JsonNode result = renamed.json().path("result");
        assertEquals(id, result.path("id").asText(), "the renamed namespace, not {}: " + renamed.text());
        assertEquals("Renamed", result.path("title").asText());
        assertTrue(result.path("supports_url_encoding").asBoolean());
        assertEquals(
                "Renamed",
                api.get(api.ns(id, "")).json().path("result").path("title").asText());

        Api.Reply deleted = api.delete(api.ns(id, ""));
        assertEquals(200, deleted.status());
        assertTrue(deleted.json().path("success").asBoolean());
        Api.Reply gone = api.get(api.ns(id, ""));
        assertEquals(404, gone.status());
        assertEquals(10013, gone.errorCode());
        assertEquals(404, api.get(api.ns(id, "/keys")).status());
    }

    @Test
    void createNeedsATitle() throws IOException {
        assertEquals(
                400, api.postJson(api.account("/storage/kv/namespaces"), "{}").status());
        assertEquals(
                400,
                api.postJson(api.account("/storage/kv/namespaces"), "not json").status());
    }

    @Test
    void pagesToAnEmptyPageAfterTheLast() throws IOException {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(api.createNamespace(String.format("title-%02d", i)));
        }
        List<String> seen = new ArrayList<>();
        int page = 1;
        while (true) {
            JsonNode j = api.get(
                            api.account("/storage/kv/namespaces?per_page=5&order=title&direction=asc&page=" + page))
                    .json();
            JsonNode info = j.path("result_info");
            assertEquals(page, info.path("page").asInt());
            assertEquals(5, info.path("per_page").asInt());
            assertEquals(12, info.path("total_count").asInt());
            assertEquals(3, info.path("total_pages").asInt());
            assertEquals(j.path("result").size(), info.path("count").asInt());
            if (j.path("result").isEmpty()) {
                break;
            }
            j.path("result").forEach(n -> seen.add(n.path("title").asText()));
            page++;
        }
        assertEquals(4, page, "page 4 is the empty one");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(String.format("title-%02d", i));
        }
        assertEquals(expected, seen);

        JsonNode desc = api.get(api.account("/storage/kv/namespaces?per_page=100&order=title&direction=desc"))
                .json();
        assertEquals("title-11", desc.path("result").path(0).path("title").asText());
        JsonNode byId =
                api.get(api.account("/storage/kv/namespaces?per_page=1000")).json();
        List<String> ids = new ArrayList<>();
        byId.path("result").forEach(n -> ids.add(n.path("id").asText()));
        assertEquals(created.stream().sorted().toList(), ids);
        assertEquals(1000, byId.path("result_info").path("per_page").asInt(), "wrangler's per_page=1000 is honoured");
    }

    @Test
    void badPagingParametersAre400() throws IOException {
        assertEquals(400, api.get(api.account("/storage/kv/namespaces?page=0")).status());
        assertEquals(
                400,
                api.get(api.account("/storage/kv/namespaces?per_page=many")).status());
        assertEquals(
                400, api.get(api.account("/storage/kv/namespaces?order=size")).status());
    }
}
