package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The edge-split Worker in real workerd (Miniflare): two local servers stand for the old Worker
 * and the new backend; the dial key is written into the Worker's KV namespace as the cutover
 * writes it through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutoverWorkerIT {
    private static final int REQUESTS = 10_000;

    private final AtomicInteger newHits = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer oldServer;
    private HttpServer newServer;
    private WorkerPeer worker;

    @BeforeAll
    void start() throws Exception {
        oldServer = server("old", new AtomicInteger());
        newServer = server("new", newHits);
        worker = WorkerPeer.start(origin(oldServer), origin(newServer), "header:x-api-key", false);
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        oldServer.stop(0);
        newServer.stop(0);
    }

    private static URI origin(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static HttpServer server(String name, AtomicInteger hits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hits.incrementAndGet();
            byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Served-By", name);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    /** The answers (bodies) for one request per key {@code prefix + i}, in key order. */
    private List<String> send(URI target, int keys, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                String key = prefix + i;
                answers.add(pool.submit(() -> {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(target.resolve("/v1/verify"))
                                    .header("x-api-key", key)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    return response.body();
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> answer : answers) {
                out.add(answer.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long onNew(List<String> bodies) {
        return bodies.stream().filter(body -> body.startsWith("new ")).count();
    }

    @Test
    void splitsAtTheDialWithinTwoPercentAndKeepsEachKeyOnItsSide() throws Exception {
        worker.dial("{\"version\":1,\"percent\":25,\"shadow\":0}");
        List<String> at25 = send(worker.url(), REQUESTS, "key-");
        assertThat(onNew(at25))
                .as("of 10,000 requests at 25%, on the new backend")
                .isBetween(2300L, 2700L);
        assertThat(at25).allSatisfy(body -> assertThat(body).isIn("old /v1/verify", "new /v1/verify"));

        List<String> again = send(worker.url(), 1000, "key-");
        assertThat(again).as("the same key lands on the same side").isEqualTo(at25.subList(0, 1000));

        worker.dial("{\"version\":1,\"percent\":50,\"shadow\":0}");
        List<String> at50 = send(worker.url(), 2000, "key-");
        for (int i = 0; i < at50.size(); i++) {
            if (at25.get(i).startsWith("new ")) {
                assertThat(at50.get(i))
                        .as("key-" + i + " stays on the new side as the dial rises")
                        .startsWith("new ");
            }
        }
        assertThat(onNew(at50)).as("of 2,000 at 50%").isBetween(900L, 1100L);
    }

    @Test
    void zeroAndHundredAreAbsoluteAndAnUnreadableDialMeansZero() throws Exception {
        worker.dial("{\"version\":1,\"percent\":0,\"shadow\":0}");
        assertThat(onNew(send(worker.url(), 300, "edge-"))).isZero();
        worker.dial("{\"version\":1,\"percent\":100,\"shadow\":0}");
        assertThat(onNew(send(worker.url(), 300, "edge-"))).isEqualTo(300);
        worker.dial("not json");
        assertThat(onNew(send(worker.url(), 20, "edge-"))).isZero();
    }

    @Test
    void shadowModeMirrorsRequestsWithoutChangingAnyResponse() throws Exception {
        try (WorkerPeer bound = WorkerPeer.start(origin(oldServer), origin(newServer), "header:x-api-key", true)) {
            bound.dial("{\"version\":1,\"percent\":0,\"shadow\":100}");
            int before = newHits.get();
            List<String> answered = send(bound.url(), 500, "shadow-");
            assertThat(answered).allSatisfy(body -> assertThat(body).isEqualTo("old /v1/verify"));
            HttpResponse<String> one = http.send(
                    HttpRequest.newBuilder(bound.url().resolve("/v1/verify"))
                            .header("x-api-key", "shadow-1")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(one.headers().firstValue("X-Served-By")).hasValue("old");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (newHits.get() - before < 501 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(newHits.get() - before)
                    .as("every request mirrored to the new backend")
                    .isEqualTo(501);

            bound.dial("{\"version\":1,\"percent\":0,\"shadow\":10}");
            int sampled = newHits.get();
            assertThat(send(bound.url(), 1000, "sample-"))
                    .allSatisfy(b -> assertThat(b).startsWith("old "));
            Thread.sleep(500);
            assertThat(newHits.get() - sampled)
                    .as("a 10% shadow sample of 1,000")
                    .isBetween(60, 140);
        }
    }
}
