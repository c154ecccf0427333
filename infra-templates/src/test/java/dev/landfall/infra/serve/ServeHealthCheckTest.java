package dev.landfall.infra.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.landfall.infra.ToolOnPath;
import dev.landfall.infra.spec.ServeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's health check command, run by {@code sh} as Docker's {@code CMD-SHELL} runs it,
 * against a stand-in for serve's {@code /readyz}: healthy only on a 200 from that path.
 */
class ServeHealthCheckTest {
    private final AtomicInteger readyStatus = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(ToolOnPath.find("curl").isPresent(), "curl is not on PATH: the probe cannot be run here");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals("/readyz") ? readyStatus.get() : 404;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static int probe(int port) throws IOException, InterruptedException {
        ServeSpec serve = new ServeSpec("repo/landfall:0.1.0", port, Optional.empty());
        Process sh = new ProcessBuilder("sh", "-c", ServeHealthCheck.command(serve))
                .redirectErrorStream(true)
                .start();
        sh.getInputStream().readAllBytes();
        return sh.waitFor();
    }

    @Test
    void readyIsHealthy() throws Exception {
        assertEquals(0, probe(server.getAddress().getPort()));
    }

    @Test
    void notReadyYetOrDrainingIsUnhealthyWithExitOne() throws Exception {
        readyStatus.set(503);
        assertEquals(1, probe(server.getAddress().getPort()));
    }

    @Test
    void nothingListeningIsUnhealthyWithExitOne() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        assertEquals(1, probe(free));
    }
}
