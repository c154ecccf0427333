package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.core.config.Secret;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server (Jetty) that closes keep-alive connections it considers
 * idle, as every server does after its own timeout (Jetty 30 s, load balancers 60 s), sooner than
 * the client's pool lets them go: a request that meets such a connection is sent again at once on
 * a new one, not failed over to a backoff. The server here closes each connection as soon as it
 * has answered on it, an idle timeout reached at once: a timeout in milliseconds would also close
 * a new connection before a loaded client had written its request.
 */
class CloudflareClientIdleConnectionTest {
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final byte[] ACTIVE = ("{\"success\":true,\"errors\":[],\"messages\":[],"
                    + "\"result\":{\"id\":\"t1\",\"status\":\"active\"}}")
            .getBytes(StandardCharsets.UTF_8);

    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger answered = new AtomicInteger();
    private Server server;
    private ServerConnector connector;
    private CloudflareClient client;

    @BeforeEach
    void start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                answered.incrementAndGet();
                EndPoint connection =
                        request.getConnectionMetaData().getConnection().getEndPoint();
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, ACTIVE.length);
                // No "Connection: close": to the client the connection stays open for another request.
                response.write(
                        true,
                        ByteBuffer.wrap(ACTIVE),
                        Callback.from(
                                () -> {
                                    callback.succeeded();
                                    connection.close();
                                },
                                callback::failed));
                return true;
            }
        });
        server.start();
        CloudflareClientOptions options = CloudflareClientOptions.builder()
                .budget(RequestBudget.parse("100/10s"))
                .clock(clock)
                .sleeper(sleeper)
                .trace(trace::add)
                .retryPolicy(RetryPolicy.builder(7).sleeper(sleeper).build())
                .build();
        String base = "http://127.0.0.1:" + connector.getLocalPort() + "/client/v4";
        client = new CloudflareClient(new CloudflareEndpoint(base, ACCOUNT, Secret.of("idle-test-token")), options);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.stop();
    }

    @Test
    void aRequestOnAConnectionTheServerClosedWhileIdleIsSentAgainAtOnce() throws Exception {
        // given: one answered request, its connection back in the client's pool
        assertTrue(client.verifyToken().active());
        // when: the server has closed that connection
        awaitNoConnections();
        // then: the next request is answered, with no backoff and no retry counted
        assertTrue(client.verifyToken().active(), String.join("\n", trace));
        assertEquals(2, answered.get(), "each request reached the server once");
        assertEquals(List.of(), sleeper.sleeps(), "no backoff: " + trace);
        ClientStats stats = client.stats();
        assertEquals(0, stats.retries(), "the stale connection is not a failure of the service: " + trace);
        assertEquals(0, stats.transportErrors(), trace.toString());
        assertEquals(3, stats.requests(), "the send that met the closed connection still counts: " + trace);
        assertTrue(trace.get(1).contains("pooled connection the server had closed"), trace.toString());
    }

    /** Waits until the server has closed every connection (a deadline only a hung server reaches). */
    private void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!connector.getConnectedEndPoints().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the server kept its connection open for 60 s after answering");
            }
            Thread.sleep(20);
        }
    }
}
