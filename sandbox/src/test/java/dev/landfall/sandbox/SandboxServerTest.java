package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxServerTest {
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
    void exposesWhereItListensAndTheEnvironment() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port() + "/client/v4", server.baseUrl());
        assertEquals(
                List.of(
                        "CLOUDFLARE_API_BASE_URL",
                        "CLOUDFLARE_API_TOKEN",
                        "CLOUDFLARE_ACCOUNT_ID",
                        "LANDFALL_EXPORT_WORKER_URL",
                        "LANDFALL_EXPORT_SECRET"),
                List.copyOf(server.environment().keySet()));
        assertEquals("http://127.0.0.1:" + server.port() + "/export-worker", server.exportWorkerUrl());
        assertEquals(server.exportWorkerUrl(), server.environment().get("LANDFALL_EXPORT_WORKER_URL"));
        assertEquals(server.exportSecret(), server.environment().get("LANDFALL_EXPORT_SECRET"));
        assertTrue(server.exportSecret().length() >= 32, "the Worker's minimum secret length");
        assertEquals(server.baseUrl(), server.environment().get("CLOUDFLARE_API_BASE_URL"));
        assertEquals(server.token(), server.environment().get("CLOUDFLARE_API_TOKEN"));
        assertEquals(server.accountId(), server.environment().get("CLOUDFLARE_ACCOUNT_ID"));
    }

    @Test
    void tokenVerifyOnBothPaths() throws IOException {
        for (String url : List.of(api.url("/user/tokens/verify"), api.account("/tokens/verify"))) {
            Api.Reply r = api.get(url);
            assertEquals(200, r.status());
            JsonNode j = r.json();
            assertTrue(j.path("success").asBoolean());
            assertTrue(j.path("errors").isArray() && j.path("errors").isEmpty());
            assertEquals("active", j.path("result").path("status").asText());
            assertTrue(j.path("result").path("id").asText().matches("[0-9a-f]{32}"));
            assertEquals(10000, j.path("messages").path(0).path("code").asInt());
            assertEquals(
                    "This API Token is valid and active",
                    j.path("messages").path(0).path("message").asText());
            assertEquals("application/json", r.header("Content-Type"));
        }
    }

    @Test
    void servesWithoutTheClientV4PrefixToo() throws IOException {
        String url = "http://127.0.0.1:" + server.port() + "/user/tokens/verify";
        assertEquals(200, api.get(url).status());
    }

    @Test
    void noTokenIs400Code9106AsCloudflareAnswers() throws IOException {
        Api.Reply missing = api.withToken(null).get(api.url("/user/tokens/verify"));
        assertEquals(400, missing.status());
        assertFailureEnvelope(missing, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }

    @Test
    void aTokenNotOfCloudflaresShapeIs400Code6003WithA6111InTheChain() throws IOException {
        List<Map<String, String>> malformed = List.of(
                Map.of("Authorization", "Bearer not-the-token"),
                Map.of("Authorization", "Bearer " + "a".repeat(39)),
                Map.of("Authorization", "Bearer " + "a".repeat(39) + "!"),
                Map.of("Authorization", "Basic " + "a".repeat(40)),
                Map.of("Authorization", "Bearer "));
        for (Map<String, String> headers : malformed) {
            Api.Reply r = api.withToken(null).call("GET", api.account("/storage/kv/namespaces"), null, headers);
            assertEquals(400, r.status(), headers.toString());
            assertFailureEnvelope(r, 6003, "Invalid request headers");
            JsonNode chain = r.json().path("errors").path(0).path("error_chain");
            assertEquals(1, chain.size(), r.text());
            assertEquals(6111, chain.path(0).path("code").asInt(), r.text());
            assertEquals(
                    "Invalid format for Authorization header",
                    chain.path(0).path("message").asText());
        }
    }

    @Test
    void aWellFormedWrongTokenIs401Code1000() throws IOException {
        for (String token : List.of("A".repeat(40), "x-_".repeat(13) + "z", "cfut_" + "b".repeat(40) + "c0ffee")) {
            Api.Reply wrong = api.withToken(token).get(api.account("/storage/kv/namespaces"));
            assertEquals(401, wrong.status(), token);
            assertFailureEnvelope(wrong, 1000, "Invalid API Token");
        }
    }

    @Test
    void wrongAccountIs403ForAHexIdAnd7003Otherwise() throws IOException {
        Api.Reply other = api.get(api.url("/accounts/" + "0".repeat(32) + "/storage/kv/namespaces"));
        assertEquals(403, other.status());
        assertFailureEnvelope(other, 10000, "Authentication error");

        Api.Reply junk = api.get(api.url("/accounts/acc123/storage/kv/namespaces"));
        assertEquals(404, junk.status());
        assertEquals(7003, junk.errorCode());
    }

    @Test
    void unknownPathIs7003AndWrongMethodIs405() throws IOException {
        Api.Reply r = api.get(api.url("/accounts/" + server.accountId() + "/nothing/here"));
        assertEquals(404, r.status());
        assertFailureEnvelope(
                r,
                7003,
                "Could not route to /accounts/" + server.accountId()
                        + "/nothing/here, perhaps your object identifier is invalid?");
        assertEquals(7000, r.json().path("errors").path(1).path("code").asInt());

        Api.Reply m =
                api.call("PATCH", api.url("/user/tokens/verify"), okhttp3.RequestBody.create(new byte[0]), Map.of());
        assertEquals(405, m.status());
        assertFalse(m.json().path("success").asBoolean());
    }

    @Test
    void routesUseTheOpenApiTemplates() throws IOException {
        Set<String> served = new HashSet<>();
        for (Route r : server.routes()) {
            served.add(r.method() + " " + r.pathTemplate());
        }
        assertTrue(
                served.contains("GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}"));
        assertTrue(served.contains("GET /__sandbox/stats"));
        Path subset = sharedDir().resolve("contracts/cloudflare-openapi-subset.json");
        JsonNode paths = Api.JSON.readTree(Files.readAllBytes(subset)).path("paths");
        int checked = 0;
        for (Map.Entry<String, JsonNode> p : paths.properties()) {
            if (p.getKey().contains("/queues")) {
                continue; // queues are not served (see the module Javadoc)
            }
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (List.of("get", "put", "post", "delete").contains(method)) {
                    String id = p.getValue().path(method).path("operationId").asText();
                    Route route = server.routes().stream()
                            .filter(r -> r.pathTemplate().equals(p.getKey())
                                    && r.method().equalsIgnoreCase(method))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("not served: " + method + " " + p.getKey()));
                    assertEquals(id, route.operationId());
                    checked++;
                }
            }
        }
        assertEquals(16, checked);
    }

    @Test
    void portInUseIsAUsageError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> SandboxServer.start(SandboxConfig.builder().port(port).build()));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().startsWith("port " + port + " is in use"), e.getMessage());
            assertEquals(
                    "choose another --port, or --port 0 for a free one",
                    e.hint().orElseThrow());
        }
    }

    @Test
    void closeIsIdempotentAndStopsServing() {
        server.close();
        server.close();
        assertThrows(IOException.class, () -> api.get(api.url("/user/tokens/verify")));
    }

    static void assertFailureEnvelope(Api.Reply r, int code, String message) {
        JsonNode j = r.json();
        assertFalse(j.path("success").asBoolean(true));
        assertEquals(code, j.path("errors").path(0).path("code").asInt(), r.text());
        assertEquals(message, j.path("errors").path(0).path("message").asText());
        assertTrue(j.path("messages").isArray());
        assertTrue(j.has("result") && j.path("result").isNull());
        assertNull(j.get("result_info"));
    }

    static Path sharedDir() {
        String env = System.getenv("LANDFALL_SHARED_DIR");
        return env != null ? Path.of(env) : Path.of("../../shared");
    }
}
