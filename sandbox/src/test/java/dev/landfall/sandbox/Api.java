package dev.landfall.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small OkHttp client for driving a sandbox over loopback in tests. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType JSON_TYPE = MediaType.get("application/json");
    static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(30))
            .build();

    /** One answer, read whole. */
    record Reply(int status, Headers headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name);
        }

        int errorCode() {
            return json().path("errors").path(0).path("code").asInt();
        }
    }

    final SandboxServer server;
    private final String token;

    Api(SandboxServer server) {
        this(server, server.token());
    }

    Api(SandboxServer server, String token) {
        this.server = server;
        this.token = token;
    }

    Api withToken(String other) {
        return new Api(server, other);
    }

    /** {@code baseUrl + path}. */
    String url(String path) {
        return server.baseUrl() + path;
    }

    /** The URL of a namespace route: {@code …/storage/kv/namespaces/NS + rest}. */
    String ns(String namespaceId, String rest) {
        return url("/accounts/" + server.accountId() + "/storage/kv/namespaces/" + namespaceId + rest);
    }

    String account(String rest) {
        return url("/accounts/" + server.accountId() + rest);
    }

    Reply get(String url) throws IOException {
        return call("GET", url, null, Map.of());
    }

    Reply postJson(String url, String json) throws IOException {
        return call("POST", url, RequestBody.create(json, JSON_TYPE), Map.of());
    }

    Reply putJson(String url, String json) throws IOException {
        return call("PUT", url, RequestBody.create(json, JSON_TYPE), Map.of());
    }

    Reply put(String url, RequestBody body) throws IOException {
        return call("PUT", url, body, Map.of());
    }

    Reply delete(String url) throws IOException {
        return call("DELETE", url, null, Map.of());
    }

    Reply deleteJson(String url, String json) throws IOException {
        return call("DELETE", url, RequestBody.create(json, JSON_TYPE), Map.of());
    }

    Reply call(String method, String url, RequestBody body, Map<String, String> headers) throws IOException {
        Request.Builder b = new Request.Builder().url(url).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try (Response r = CLIENT.newCall(b.build()).execute()) {
            return new Reply(r.code(), r.headers(), r.body().bytes());
        }
    }

    /** Creates a namespace and returns its id. */
    String createNamespace(String title) throws IOException {
        Reply r = postJson(account("/storage/kv/namespaces"), "{\"title\":" + JSON.writeValueAsString(title) + "}");
        if (r.status() != 200) {
            throw new AssertionError(r.text());
        }
        return r.json().path("result").path("id").asText();
    }

    /** JavaScript's encodeURIComponent, as wrangler sends keys. */
    static String encodeUriComponent(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** The Cloudflare SDK's form: like encodeURIComponent but {@code :} stays as is. */
    static String encodeSdkStyle(String s) {
        return encodeUriComponent(s).replace("%3A", ":");
    }
}
