package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read split and the write gate of the edge-split Worker in real workerd (Miniflare): reads
 * move by the dial while writes follow the dial's write route, the gate freezes writes at once and
 * never reads, and its control route answers only to the secret and is never forwarded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadSplitWorkerIT {
    static final String SECRET = "s3cret-for-the-cutover-worker-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Backend oldSide;
    private Backend newSide;
    private WorkerPeer worker;

    @BeforeAll
    void start() throws Exception {
        oldSide = new Backend("old");
        newSide = new Backend("new");
        worker = WorkerPeer.start(
                oldSide.origin(),
                newSide.origin(),
                "header:x-api-key",
                false,
                Map.of(
                        "LANDFALL_CUTOVER_SECRET", SECRET,
                        "LANDFALL_WRITE_PATHS", "/v1/rpc/,/admin",
                        "LANDFALL_WRITE_RETRY_AFTER", "7"),
                true);
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        oldSide.close();
        newSide.close();
    }

    @BeforeEach
    void gateBackToOld() throws Exception {
        String state =
                JSON.readTree(control("GET", null, SECRET).body()).path("state").asText();
        if (state.equals("new")) {
            control("POST", "{\"state\":\"frozen\"}", SECRET);
        }
        if (!state.equals("old")) {
            assertThat(control("POST", "{\"state\":\"old\"}", SECRET).statusCode())
                    .isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        return send(worker.url(), method, path, key);
    }

    private HttpResponse<String> send(URI base, String method, String path, String key) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\"}");
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("x-api-key", key)
                        .method(method, body)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> control(String method, String body, String secret) throws Exception {
        return control(worker.url(), method, body, secret == null ? null : "Bearer " + secret);
    }

    private HttpResponse<String> control(URI base, String method, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/__landfall/write-gate"))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The side ("old" or "new") that answered each of {@code count} requests with keys {@code prefix + i}. */
    private List<String> sides(String method, String path, String prefix, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = prefix + i;
                answers.add(pool.submit(() -> send(method, path, key)));
            }
            List<String> out = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
                out.add(response.body().substring(0, 3));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long onNew(List<String> sides) {
        return sides.stream().filter("new"::equals).count();
    }

    @Test
    void withTheReadSplitTheDialMovesReadsWhileWritesStayOld() throws Exception {
        worker.dial("{\"version\":1,\"percent\":25,\"shadow\":0,\"split\":true}");
        List<String> reads = sides("GET", "/v1/items", "reader-", 400);
        assertThat(onNew(reads)).as("of 400 reads at 25%, on the new backend").isBetween(70L, 130L);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(sides(method, "/v1/items", "reader-", 40))
                    .as("every " + method + " stays on the old Worker, whatever its bucket")
                    .containsOnly("old");
        }

        worker.dial("{\"version\":1,\"percent\":100,\"shadow\":0,\"split\":true}");
        assertThat(sides("GET", "/v1/items", "reader-", 50)).containsOnly("new");
        assertThat(send("HEAD", "/v1/items", "reader-1").headers().firstValue("X-Served-By"))
                .as("HEAD is a read")
                .hasValue("new");
        assertThat(sides("GET", "/v1/rpc/transfer", "reader-", 20))
                .as("a GET under a write path is a write")
                .containsOnly("old");
        assertThat(sides("GET", "/admin/users", "reader-", 5)).containsOnly("old");
        assertThat(sides("GET", "/v1/rpcx", "reader-", 5))
                .as("a prefix is matched as written")
                .containsOnly("new");
    }

    @Test
    void writesAreNeverShadowed() throws Exception {
        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":100,\"split\":true}");
        int before = newSide.hits();
        assertThat(sides("POST", "/v1/items", "shadowed-", 30)).containsOnly("old");
        assertThat(sides("GET", "/v1/items", "shadowed-", 1)).containsOnly("old");
        // The read's shadow copy was sent after every write's would have been; once it has arrived,
        // a shadowed write would have too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (newSide.hits() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(newSide.hits() - before).as("only the read was mirrored").isEqualTo(1);
    }

    @Test
    void aDialWithoutSplitMovesEveryRequestAsBefore() throws Exception {
        worker.dial("{\"version\":1,\"percent\":100,\"shadow\":0}");
        assertThat(sides("POST", "/v1/items", "plain-", 20)).containsOnly("new");
        assertThat(sides("GET", "/v1/rpc/transfer", "plain-", 5)).containsOnly("new");

        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"writes\":\"new\"}");
        assertThat(sides("POST", "/v1/items", "plain-", 20))
                .as("writes counts only with split")
                .containsOnly("old");

        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":\"yes\",\"writes\":\"new\"}");
        assertThat(sides("POST", "/v1/items", "plain-", 5))
                .as("split is on only when it is true")
                .containsOnly("old");
    }

    @Test
    void writesNewSendsEveryWriteToTheNewBackend() throws Exception {
        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true,\"writes\":\"new\"}");
        assertThat(sides("POST", "/v1/items", "moved-", 20)).containsOnly("new");
        assertThat(sides("DELETE", "/v1/items", "moved-", 5)).containsOnly("new");
        assertThat(sides("GET", "/v1/items", "moved-", 20)).as("reads at 0%").containsOnly("old");
    }

    @Test
    void theGateSendsWritesOldThenFreezesThemAndNeverReads() throws Exception {
        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");
        assertThat(sides("POST", "/v1/items", "gated-", 10)).containsOnly("old");

        assertThat(control("POST", "{\"state\":\"frozen\"}", SECRET).statusCode())
                .isEqualTo(200);
        int oldBefore = oldSide.hits();
        int newBefore = newSide.hits();
        HttpResponse<String> refused = send("POST", "/v1/items", "gated-1");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(refused.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(JSON.readTree(refused.body()).path("error").asText())
                .isEqualTo("writes are frozen for a migration switch");
        assertThat(send("PUT", "/v1/items", "gated-2").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/v1/rpc/transfer", "gated-3").statusCode())
                .as("a write by its path")
                .isEqualTo(503);
        assertThat(oldSide.hits() - oldBefore)
                .as("no frozen write reached the old Worker")
                .isZero();
        assertThat(newSide.hits() - newBefore).as("nor the new backend").isZero();
        assertThat(sides("GET", "/v1/items", "gated-", 20))
                .as("reads are never gated")
                .containsOnly("old");

        assertThat(control("POST", "{\"state\":\"new\"}", SECRET).statusCode()).isEqualTo(200);
        assertThat(sides("POST", "/v1/items", "gated-", 10)).containsOnly("new");
        assertThat(sides("GET", "/v1/items", "gated-", 10))
                .as("reads still follow the percentage")
                .containsOnly("old");
    }

    @Test
    void theGateMovesOnlyThroughFrozenAndRepeatsAreHarmless() throws Exception {
        JsonNode start = JSON.readTree(control("GET", null, SECRET).body());
        assertThat(start.path("state").asText()).isEqualTo("old");

        HttpResponse<String> skip = control("POST", "{\"state\":\"new\"}", SECRET);
        assertThat(skip.statusCode()).as("old to new would skip the freeze").isEqualTo(409);
        assertThat(JSON.readTree(skip.body()).path("state").asText()).isEqualTo("old");
        assertThat(JSON.readTree(skip.body()).path("error").asText()).contains("from old to new");

        JsonNode same =
                JSON.readTree(control("POST", "{\"state\":\"old\"}", SECRET).body());
        assertThat(same.path("state").asText()).isEqualTo("old");
        assertThat(same.path("since").asLong())
                .as("a repeat keeps since")
                .isEqualTo(start.path("since").asLong());
        assertThat(same.path("changedAt").isNumber()).isTrue();

        JsonNode frozen =
                JSON.readTree(control("POST", "{\"state\":\"frozen\"}", SECRET).body());
        assertThat(frozen.path("state").asText()).isEqualTo("frozen");
        assertThat(frozen.path("since").asLong())
                .isGreaterThanOrEqualTo(same.path("changedAt").asLong());
        JsonNode again =
                JSON.readTree(control("POST", "{\"state\":\"frozen\"}", SECRET).body());
        assertThat(again.path("since").asLong()).isEqualTo(frozen.path("since").asLong());

        assertThat(control("POST", "{\"state\":\"new\"}", SECRET).statusCode()).isEqualTo(200);
        assertThat(control("POST", "{\"state\":\"old\"}", SECRET).statusCode())
                .as("new to old would skip the freeze")
                .isEqualTo(409);
        assertThat(control("POST", "{\"state\":\"frozen\"}", SECRET).statusCode())
                .as("new to frozen: the way back")
                .isEqualTo(200);
        assertThat(control("POST", "{\"state\":\"old\"}", SECRET).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(control("GET", null, SECRET).body())
                        .path("state")
                        .asText())
                .isEqualTo("old");

        assertThat(control("POST", "{\"state\":\"open\"}", SECRET).statusCode()).isEqualTo(400);
        assertThat(control("POST", "{\"state\":\"toString\"}", SECRET).statusCode())
                .isEqualTo(400);
        assertThat(control("POST", "frozen", SECRET).statusCode()).isEqualTo(400);
        assertThat(control("PUT", "{\"state\":\"frozen\"}", SECRET).statusCode())
                .isEqualTo(405);
    }

    @Test
    void theControlRouteAnswersOnlyToTheSecretAndIsNeverForwarded() throws Exception {
        // At 100 % anything forwarded would reach the new backend before the answer came back.
        worker.dial("{\"version\":1,\"percent\":100,\"shadow\":0}");
        int oldBefore = oldSide.hits();
        int newBefore = newSide.hits();
        for (String authorization : List.of(
                "",
                "Bearer ",
                "Bearer wrong-secret-of-enough-length-0123456789",
                "Bearer " + SECRET + "x",
                "Basic " + SECRET,
                SECRET)) {
            HttpResponse<String> refused =
                    control(worker.url(), "GET", null, authorization.isEmpty() ? null : authorization);
            assertThat(refused.statusCode())
                    .as("Authorization: " + authorization)
                    .isEqualTo(401);
            assertThat(refused.body()).isEqualTo("{\"error\":\"unauthorized\"}");
        }
        assertThat(control(worker.url(), "POST", "{\"state\":\"frozen\"}", "Bearer nope")
                        .statusCode())
                .isEqualTo(401);
        assertThat(JSON.readTree(control("GET", null, SECRET).body())
                        .path("state")
                        .asText())
                .as("a refused POST changed nothing")
                .isEqualTo("old");
        HttpResponse<String> elsewhere = http.send(
                HttpRequest.newBuilder(worker.url().resolve("/__landfall/elsewhere"))
                        .header("Authorization", "Bearer " + SECRET)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(send("GET", "/__landfall/anything", "k").statusCode()).isEqualTo(401);
        assertThat(oldSide.hits() - oldBefore)
                .as("nothing under /__landfall/ reached the old Worker")
                .isZero();
        assertThat(newSide.hits() - newBefore).as("nor the new backend").isZero();
    }

    @Test
    void withoutAFullSecretEveryControlRequestIsRefused() throws Exception {
        for (Map<String, String> vars : List.of(
                Map.<String, String>of(), Map.of("LANDFALL_CUTOVER_SECRET", "only-thirty-one-characters-long"))) {
            try (WorkerPeer bare = WorkerPeer.start(oldSide.origin(), newSide.origin(), "ip", false, vars, true)) {
                String given = vars.getOrDefault("LANDFALL_CUTOVER_SECRET", "");
                assertThat(given.length()).isLessThan(32);
                assertThat(control(bare.url(), "GET", null, "Bearer " + given).statusCode())
                        .as("secret " + given.length() + " characters long")
                        .isEqualTo(401);
                assertThat(control(bare.url(), "POST", "{\"state\":\"frozen\"}", "Bearer " + given)
                                .statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void aWorkerWithoutTheGateBindingSaysSoAndKeepsWritesOld() throws Exception {
        try (WorkerPeer ungated = WorkerPeer.start(
                oldSide.origin(), newSide.origin(), "ip", false, Map.of("LANDFALL_CUTOVER_SECRET", SECRET), false)) {
            HttpResponse<String> answer = control(ungated.url(), "GET", null, "Bearer " + SECRET);
            assertThat(answer.statusCode()).isEqualTo(501);
            assertThat(answer.body()).contains("LANDFALL_WRITE_GATE");
            ungated.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");
            HttpResponse<String> write = send(ungated.url(), "POST", "/v1/items", "k");
            assertThat(write.statusCode()).isEqualTo(200);
            assertThat(write.body()).as("an unbound gate never moved from old").startsWith("old ");
        }
    }
}
