package dev.landfall.verify.latency.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.parity.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 framing, against a scripted server on a raw socket: each accepted connection
 * answers its requests with the next canned responses, then closes.
 */
class Http1ConnectionTest {
    private final List<String> requestsSeen = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** Serves {@code perConnection.get(n)} (one answer per request) on the n-th connection. */
    private URI serve(List<List<String>> perConnection) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            for (List<String> answers : perConnection) {
                try (Socket s = server.accept()) {
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    for (String answer : answers) {
                        StringBuilder head = new StringBuilder();
                        String line;
                        int length = 0;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            head.append(line).append('\n');
                            if (line.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        char[] body = new char[length];
                        int read = 0;
                        while (read < length) {
                            read += in.read(body, read, length - read);
                        }
                        requestsSeen.add(head + new String(body));
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/base/");
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static Http1Connection connect(URI url) {
        return new Http1Connection(EndpointAddress.of(url), 5000);
    }

    private static String text(Answer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readsLengthAndChunkedBodiesOnOneKeptAliveConnection() throws Exception {
        URI url = serve(List.of(List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":true}\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nabcd\r\n3\r\nefg\r\n0\r\nTrailer: t\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n")));
        try (Http1Connection c = connect(url)) {
            Answer first = c.exchange(CorpusRequest.of("GET", "/x?q=1"));
            assertEquals(200, first.status());
            assertEquals("application/json", first.contentType());
            assertEquals("{\"a\":true}\n", text(first));
            CorpusRequest post = new CorpusRequest(
                    "POST",
                    "/y",
                    List.of(new CorpusRequest.Header("X-Key", "k1")),
                    "{\"k\":1}".getBytes(StandardCharsets.UTF_8));
            Answer second = c.exchange(post);
            assertEquals(201, second.status());
            assertEquals("abcdefg", text(second));
            assertEquals(204, c.exchange(CorpusRequest.of("DELETE", "/z")).status());
        }
        assertTrue(requestsSeen.get(0).startsWith("GET /base/x?q=1 HTTP/1.1\nHost: 127.0.0.1:"), requestsSeen.get(0));
        assertTrue(
                requestsSeen.get(1).contains("X-Key: k1\nUser-Agent: landfall-verify\nContent-Length: 7\n{\"k\":1}"),
                requestsSeen.get(1));
    }

    @Test
    void aBodyToTheEndOfTheConnectionAndAStaleConnectionAreHandled() throws Exception {
        URI url = serve(List.of(
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                // The server drops the kept-alive connection: one resend on a new one.
                List.of("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end")));
        try (Http1Connection c = connect(url)) {
            assertEquals("ok", text(c.exchange(CorpusRequest.of("GET", "/1"))));
            assertEquals("until the end", text(c.exchange(CorpusRequest.of("GET", "/2"))));
        }
        assertEquals(2, requestsSeen.size());
    }

    @Test
    void aTruncatedOrGarbledAnswerIsAnError() throws Exception {
        URI url = serve(List.of(
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), List.of("SSH-2.0-OpenSSH\r\n\r\n")));
        try (Http1Connection c = connect(url)) {
            IOException e = assertThrows(IOException.class, () -> c.exchange(CorpusRequest.of("GET", "/1")));
            assertTrue(e.getMessage().contains("bytes short"), e.getMessage());
            IOException g = assertThrows(IOException.class, () -> c.exchange(CorpusRequest.of("GET", "/2")));
            assertTrue(g.getMessage().contains("not an HTTP/1.x status line"), g.getMessage());
        }
    }

    @Test
    void headerNamesInAnyCaseAndLinesAndBodiesLongerThanTheReadBufferAreRead() throws Exception {
        String longHeader = "X-Padding: " + "p".repeat(40_000) + "\r\n";
        String bigBody = "b".repeat(100_000);
        URI url = serve(List.of(List.of(
                "HTTP/1.1 200 OK\r\n" + longHeader + "CONTENT-TYPE: text/plain\r\ncontent-LENGTH:  " + bigBody.length()
                        + " \r\n\r\n" + bigBody,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx")));
        try (Http1Connection c = connect(url)) {
            Answer big = c.exchange(
                    new CorpusRequest("GET", "/ü", List.of(new CorpusRequest.Header("X-Name", "Zoë")), new byte[0]));
            assertEquals("text/plain", big.contentType());
            assertEquals(bigBody, text(big));
            Answer last = c.exchange(CorpusRequest.of("GET", "/2"));
            assertEquals("x", text(last));
            assertEquals(big.contentType(), last.contentType());
        }
        assertTrue(requestsSeen.get(0).contains("X-Name: Zo"), requestsSeen.get(0));
    }

    @Test
    void theHostHeaderAndBasePathFollowTheUrl() {
        assertEquals(
                new EndpointAddress("example.com", 443, true, "example.com", "/api"),
                EndpointAddress.of(URI.create("https://example.com/api/")));
        assertEquals(
                new EndpointAddress("::1", 8080, false, "[::1]:8080", ""),
                EndpointAddress.of(URI.create("http://[::1]:8080")));
    }
}
