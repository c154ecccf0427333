package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server that speaks only TLS, on loopback, for one test class: a throwaway CA and a
 * server certificate for 127.0.0.1 made with {@code openssl}, then {@code redis-server --port 0
 * --tls-port P} (the binary {@code bin/stores} installs), stopped by {@link #close}. A second CA
 * that signed nothing stands for a wrong {@code cacert=}. A {@code redis-server} built without TLS
 * skips the test with that reason (fails it in CI).
 */
public final class TlsRedis implements AutoCloseable {
    public static final String PASSWORD = "tls-test-password";

    private final Process server;
    private final int port;
    private final Path ca;
    private final Path otherCa;

    private TlsRedis(Process server, int port, Path ca, Path otherCa) {
        this.server = server;
        this.port = port;
        this.ca = ca;
        this.otherCa = otherCa;
    }

    /**
     * Makes the certificates in {@code dir} and starts the server; skips the test (fails it in CI,
     * {@code LANDFALL_IT_REQUIRED=1}) when {@code redis-server} or {@code openssl} is missing.
     */
    public static TlsRedis start(Path dir) throws IOException, InterruptedException {
        require("redis-server");
        require("openssl");
        Path ca = dir.resolve("ca.crt");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "2",
                "-subj",
                "/CN=landfall test CA");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "other.key",
                "-out",
                "other.crt",
                "-days",
                "2",
                "-subj",
                "/CN=another CA");
        openssl(
                dir,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                "2",
                "-extfile",
                "server.ext");
        int port = freePort();
        Process server = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        "0",
                        "--bind",
                        "127.0.0.1",
                        "--tls-port",
                        Integer.toString(port),
                        "--tls-cert-file",
                        dir.resolve("server.crt").toString(),
                        "--tls-key-file",
                        dir.resolve("server.key").toString(),
                        "--tls-ca-cert-file",
                        ca.toString(),
                        "--tls-auth-clients",
                        "no",
                        "--requirepass",
                        PASSWORD,
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        TlsRedis redis = new TlsRedis(server, port, ca, dir.resolve("other.crt"));
        redis.awaitListening(dir.resolve("redis.log"));
        return redis;
    }

    /** A {@code rediss://} URI of this server, with {@code query} (such as {@code cacert=…}) if not empty. */
    public String uri(String query) {
        return "rediss://:" + PASSWORD + "@127.0.0.1:" + port + "/0" + (query.isEmpty() ? "" : "?" + query);
    }

    /** The CA that signed the server's certificate. */
    public Path ca() {
        return ca;
    }

    /** A CA that signed nothing the server has. */
    Path otherCa() {
        return otherCa;
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                String said = Files.readString(log);
                if (said.contains("tls-port") && !"1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                    // A redis-server built without TLS refuses the directive: nothing to test against.
                    assumeTrue(false, "redis-server was built without TLS (it refused --tls-port): " + said.strip());
                }
                fail("redis-server with TLS exited: " + said);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        fail("redis-server with TLS did not listen on 127.0.0.1:" + port + " in 30 s: " + Files.readString(log));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void require(String program) {
        boolean found = System.getenv().getOrDefault("PATH", "").isEmpty()
                ? false
                : java.util.Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        if (!found) {
            String why = program + " is not installed: `bin/stores start redis` installs redis-server; openssl comes"
                    + " with Debian's ca-certificates";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
