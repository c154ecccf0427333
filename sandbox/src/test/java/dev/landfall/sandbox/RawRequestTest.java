package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request lines no well-behaved client library writes, sent byte for byte over a socket: what SDK
 * 4.x puts in a key path unencoded, malformed escapes, and lines that do not parse. Each gets
 * Cloudflare's JSON envelope or reaches its key, never an HTML page.
 */
class RawRequestTest {
    private SandboxServer server;
    private Api api;
    private String ns;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxConfig.builder().port(0).build());
        api = new Api(server);
        ns = api.createNamespace("raw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One answer: status, headers (names lower-cased) and body. */
    private record Raw(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return Api.JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private String keyPath(String rawKey) {
        return "/client/v4/accounts/" + server.accountId() + "/storage/kv/namespaces/" + ns + "/values/" + rawKey;
    }

    private Raw send(String requestLine, String extraHeaders, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            String head = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token()
                    + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n" + extraHeaders + "\r\n";
            // ISO-8859-1: one byte per char, so a test can put any byte into the request line.
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Raw parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        assertTrue(end > 0, "an HTTP answer: " + all);
        String[] lines = all.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Raw(
                Integer.parseInt(lines[0].split(" ")[1]), headers, Arrays.copyOfRange(bytes, end + 4, bytes.length));
    }

    private static void assertEnvelope(Raw r, int status, int code) throws IOException {
        assertEquals(status, r.status(), r.text());
        assertEquals(
                "application/json", r.headers().get("content-type"), r.headers().toString());
        assertEquals(String.valueOf(r.body().length), r.headers().get("content-length"));
        JsonNode j = r.json();
        assertFalse(j.path("success").asBoolean(true), r.text());
        assertEquals(code, j.path("errors").path(0).path("code").asInt(), r.text());
        assertTrue(j.has("result") && j.path("result").isNull(), r.text());
        assertNull(r.headers().get("server"), "no server banner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%zz", "a%zzb", "ends%", "ends%4", "%"})
    void aMalformedEscapeInAKeyIsA400EnvelopeWithTheBadPathCode(String rawKey) throws IOException {
        Raw r = send("GET " + keyPath(rawKey) + " HTTP/1.1", "", new byte[0]);
        assertEnvelope(r, 400, 7003);
        assertEquals(
                "Could not route the request: the request's path does not decode: each '%' must begin an escape of"
                        + " two hex digits (send a literal '%' as %25)",
                r.json().path("errors").path(0).path("message").asText());
    }

    @Test
    void aMalformedEscapeOnAWriteLeavesNothingBehind() throws IOException {
        Raw r = send("PUT " + keyPath("100%zz") + " HTTP/1.1", "", "v".getBytes(StandardCharsets.UTF_8));
        assertEnvelope(r, 400, 7003);
        assertEquals(0, api.get(api.ns(ns, "/keys")).json().path("result").size());
    }

    @Test
    void rawCharactersSdk4SendsReachTheKeyAsTheyAre() throws IOException {
        String key = "a|b^[c]";
        Raw put = send("PUT " + keyPath(key) + " HTTP/1.1", "", "raw".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.status(), put.text());
        assertTrue(put.json().path("success").asBoolean(), put.text());
        assertEquals(
                "raw",
                api.get(api.ns(ns, "/values/" + Api.encodeUriComponent(key))).text());
        assertEquals(
                key,
                api.get(api.ns(ns, "/keys"))
                        .json()
                        .path("result")
                        .path(0)
                        .path("name")
                        .asText());
    }

    @Test
    void rawUtf8InThePathIsTheKeysUtf8() throws IOException {
        byte[] line = ("PUT " + keyPath("caf\u00c3\u00a9/\u00e2\u0082\u00ac") + " HTTP/1.1")
                .getBytes(StandardCharsets.ISO_8859_1);
        Raw put = send(new String(line, StandardCharsets.ISO_8859_1), "", "utf8".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.status(), put.text());
        assertEquals(
                "utf8",
                api.get(api.ns(ns, "/values/" + Api.encodeUriComponent("café/€")))
                        .text());
    }

    @Test
    void anEncodedSlashStaysInsideOneKeyAndARawOneIsPartOfTheKey() throws IOException {
        assertEquals(
                200,
                send("PUT " + keyPath("x%2Fy") + " HTTP/1.1", "", new byte[] {'1'})
                        .status());
        assertEquals(
                200,
                send("PUT " + keyPath("p//q/") + " HTTP/1.1", "", new byte[] {'2'})
                        .status());
        assertEquals("1", api.get(api.ns(ns, "/values/x%2Fy")).text());
        assertEquals("1", api.get(api.ns(ns, "/values/x/y")).text());
        assertEquals(
                "2",
                api.get(api.ns(ns, "/values/" + Api.encodeUriComponent("p//q/")))
                        .text());
    }

    @Test
    void dotSegmentsInAKeyAreNotResolved() throws IOException {
        assertEquals(
                200,
                send("PUT " + keyPath("a/../b") + " HTTP/1.1", "", new byte[] {'3'})
                        .status());
        assertEquals(
                "3",
                api.get(api.ns(ns, "/values/" + Api.encodeUriComponent("a/../b")))
                        .text());
        assertEquals(404, api.get(api.ns(ns, "/values/b")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /client/v4/a b HTTP/1.1", "GET"})
    void aRequestLineThatDoesNotParseIsA400Envelope(String requestLine) throws IOException {
        assertEnvelope(send(requestLine, "", new byte[0]), 400, 7003);
    }

    @Test
    void anUnknownHttpVersionKeepsJettys505InAnEnvelope() throws IOException {
        Raw r = send("GET /client/v4/user/tokens/verify HTTP/9.9", "", new byte[0]);
        assertEnvelope(r, 505, 7003);
        assertEquals(
                "Could not route the request: Unknown Version",
                r.json().path("errors").path(0).path("message").asText());
    }

    @Test
    void aHeaderThatDoesNotParseIsA400Envelope() throws IOException {
        Raw r = send("PUT " + keyPath("k") + " HTTP/1.1", "Bad Header\r\n", new byte[] {'v'});
        assertEnvelope(r, 400, 7003);
        assertEquals(404, api.get(api.ns(ns, "/values/k")).status(), "nothing written");
    }

    @Test
    void answersKeepTheirLengthAndTheConnectionStaysOpen() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            String get = "GET /client/v4/user/tokens/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + server.token() + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(get.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Raw r = readOne(in);
                assertEquals(200, r.status(), r.text());
                assertNull(r.headers().get("transfer-encoding"));
                assertTrue(r.json().path("success").asBoolean(), r.text());
            }
        }
    }

    @Test
    void aRefusedRequestLineSaysItClosesTheConnection() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            String get = "GET " + keyPath("100%zz") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            s.getOutputStream().write(get.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Raw r = readOne(s.getInputStream());
            assertEquals(400, r.status(), r.text());
            assertEquals("close", r.headers().get("connection"), "a client must not reuse it: " + r.headers());
            assertEquals(-1, s.getInputStream().read(), "closed after the answer");
        }
    }

    @Test
    void theStatsRouteIsServedWithoutAToken() throws IOException {
        Raw r = send("GET /__sandbox/stats HTTP/1.1", "", new byte[0]);
        assertEquals(200, r.status(), r.text());
        assertEquals("application/json", r.headers().get("content-type"));
    }

    @Test
    void aRefusedUploadIsAnsweredNotReset() throws IOException {
        // Larger than loopback's socket buffers: the client is still sending when the 401 is ready.
        RequestBody body = RequestBody.create(new byte[16 * 1024 * 1024], Api.OCTETS);
        Api stranger = api.withToken("x".repeat(40));
        assertEquals(401, stranger.put(api.ns(ns, "/values/big"), body).status());
        assertEquals(401, stranger.put(api.ns(ns, "/values/big"), body).status());
    }

    /** Reads one answer with a Content-Length off a kept-alive connection. */
    private static Raw readOne(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed mid-answer: " + head);
            }
            head.append((char) b);
        }
        Raw h = parse((head.toString()).getBytes(StandardCharsets.ISO_8859_1));
        int length = Integer.parseInt(h.headers().get("content-length"));
        return new Raw(h.status(), h.headers(), in.readNBytes(length));
    }
}
