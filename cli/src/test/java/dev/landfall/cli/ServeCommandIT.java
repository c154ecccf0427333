package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as ECS runs it: {@code landfall serve} over SQLite, stopped with SIGTERM while a
 * request is in flight. The process boundary is the point: the shutdown hook, the drain and the
 * exit status only exist there.
 */
class ServeCommandIT {
    private static final Path JAR = Path.of("target", "landfall.jar");
    private static final String NS = "0123456789abcdef0123456789abcdef";
    private static final Pattern SERVING = Pattern.compile(" at (http://127\\.0\\.0\\.1:[0-9]+) ");

    @Test
    void sigtermDrainsTheRequestInFlightAndExitsZero(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("build the jar first: mvn package").isRegularFile();
        Path db = dir.resolve("kv.db");
        try (KvAccess store = StoreRegistry.openKvAccess("--store", StoreUri.parse("sqlite:" + db))) {
            store.put(new Entry(
                    new KvNamespace(NS, "SESSIONS"),
                    Key.of("user/1"),
                    "ann".getBytes(StandardCharsets.UTF_8),
                    null,
                    null));
        }
        Path errFile = dir.resolve("stderr.txt");
        Path token = dir.resolve("token");
        Files.writeString(token, "t0ken-for-serve\n");
        Process p = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        JAR.toString(),
                        "serve",
                        "--store",
                        "sqlite:" + db,
                        "--listen",
                        "127.0.0.1:0",
                        "--token-file",
                        token.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile())
                .start();
        try {
            String first = firstLine(errFile, p);
            Matcher m = SERVING.matcher(String.valueOf(first));
            assertThat(m.find()).as(first).isTrue();
            assertThat(first).contains("ready").doesNotContain("t0ken-for-serve");
            String base = m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            String value = base + "/client/v4/accounts/any/storage/kv/namespaces/" + NS + "/values/";
            assertThat(send(http, HttpRequest.newBuilder(URI.create(value + "user/1")))
                            .body())
                    .isEqualTo("ann");

            URI uri = URI.create(base);
            try (Socket slow = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = slow.getOutputStream();
                out.write(("PUT " + URI.create(value).getPath() + "user/2 HTTP/1.1\r\nHost: x\r\n"
                                + "Authorization: Bearer t0ken-for-serve\r\nContent-Length: 5\r\n\r\nhal")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // The PUT is in flight once its handler reads the body; the status page counts it.
                while (!send(http, HttpRequest.newBuilder(URI.create(base + "/statusz")))
                        .body()
                        .contains("requests in flight: 2")) {
                    Thread.onSpinWait();
                }
                p.destroy(); // SIGTERM
                while (send(http, HttpRequest.newBuilder(URI.create(base + "/readyz")))
                                .statusCode()
                        != 503) {
                    Thread.onSpinWait();
                }
                out.write("f.".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(answer).isEqualTo("HTTP/1.1 200");
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("serve stops after draining")
                    .isTrue();
            assertThat(p.exitValue()).isZero();
            String rest = Files.readString(errFile);
            assertThat(rest).contains("landfall serve: stopped").doesNotContain("still in flight");
        } finally {
            p.destroyForcibly();
        }
        try (KvAccess store = StoreRegistry.openKvAccess("--store", StoreUri.parse("sqlite:" + db))) {
            assertThat(store.get(new KvNamespace(NS, "SESSIONS"), Key.of("user/2"), 0))
                    .hasValueSatisfying(e -> assertThat(new String(e.value(), StandardCharsets.UTF_8))
                            .isEqualTo("half."));
        }
    }

    /** The first line serve writes on stderr: where it listens, once it is listening. */
    private static String firstLine(Path errFile, Process p) throws Exception {
        while (true) {
            String text = Files.readString(errFile);
            int nl = text.indexOf('\n');
            if (nl >= 0) {
                return text.substring(0, nl);
            }
            assertThat(p.isAlive()).as("serve exited early: " + text).isTrue();
            Thread.onSpinWait();
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer t0ken-for-serve").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
