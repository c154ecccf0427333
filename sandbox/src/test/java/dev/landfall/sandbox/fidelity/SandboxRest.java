package dev.landfall.sandbox.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A small OkHttp client for the sandbox's REST API, used to seed state and to look at what a peer
 * (wrangler) left behind. It speaks the Cloudflare API exactly as documented, so a check that
 * passes here passes against Cloudflare too.
 */
final class SandboxRest {

    static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final String token;
    private final String accountId;

    SandboxRest(String baseUrl, String token, String accountId) {
        this.baseUrl = Objects.requireNonNull(HttpUrl.parse(baseUrl), "baseUrl");
        this.token = Objects.requireNonNull(token, "token");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.client = new OkHttpClient.Builder()
                .callTimeout(30, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                // No idle connections kept: between two checks a test may run wrangler for longer than
                // the sandbox's idle timeout (Jetty's 30 s, reached on a loaded machine), and OkHttp sends
                // a GET on a pooled connection the server has closed without probing it, then reads
                // "unexpected end of stream". A new loopback connection per request costs nothing here.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
    }

    String token() {
        return token;
    }

    /** An HTTP exchange, body as bytes; {@code json()} parses it. */
    record Reply(int status, byte[] body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(
                        "not JSON (HTTP " + status + "): " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What one stored key holds, as read back over REST. */
    record Stored(byte[] value, OptionalLong expiration, Optional<JsonNode> metadata) {}

    /** Path under {@code /accounts/{account_id}}; {@code encodedSegments} are already percent-encoded. */
    HttpUrl accountUrl(String... encodedSegments) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment("accounts").addPathSegment(accountId);
        for (String segment : encodedSegments) {
            url.addEncodedPathSegments(segment);
        }
        return url.build();
    }

    HttpUrl kvUrl(String namespaceId, String... encodedSegments) {
        List<String> segments = new ArrayList<>(List.of("storage/kv/namespaces", namespaceId));
        segments.addAll(List.of(encodedSegments));
        return accountUrl(segments.toArray(String[]::new));
    }

    /** Sends a request with the sandbox's token. */
    Reply send(String method, HttpUrl url, RequestBody body) {
        return send(new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + token)
                .method(method, body)
                .build());
    }

    /** Sends a request as given (no credentials added). */
    Reply send(Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new Reply(
                    response.code(), response.body().bytes(), response.headers().toMultimap());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url(), e);
        }
    }

    Reply get(HttpUrl url) {
        return send("GET", url, null);
    }

    Reply putJson(HttpUrl url, String json) {
        return send("PUT", url, RequestBody.create(json, JSON_TYPE));
    }

    /** Writes entries with the bulk endpoint; fails unless Cloudflare-style success. */
    void bulkPut(String namespaceId, String itemsJson) {
        Reply reply = putJson(kvUrl(namespaceId, "bulk"), itemsJson);
        JsonNode envelope = reply.json();
        if (reply.status() != 200 || !envelope.path("success").asBoolean()) {
            throw new AssertionError("bulk put failed: HTTP " + reply.status() + " " + reply.text());
        }
    }

    /** Value, {@code expiration} header and metadata of a key, or empty when the value GET is a 404. */
    Optional<Stored> stored(String namespaceId, String key) {
        Reply value = get(kvUrl(namespaceId, "values", encodeComponent(key)));
        if (value.status() == 404) {
            return Optional.empty();
        }
        if (value.status() != 200) {
            throw new AssertionError("GET value of " + key + ": HTTP " + value.status() + " " + value.text());
        }
        OptionalLong expiration = value.header("expiration")
                .map(h -> OptionalLong.of(Long.parseLong(h.trim())))
                .orElse(OptionalLong.empty());
        Reply metadata = get(kvUrl(namespaceId, "metadata", encodeComponent(key)));
        Optional<JsonNode> meta = Optional.empty();
        if (metadata.status() == 200) {
            JsonNode result = metadata.json().path("result");
            meta = result.isMissingNode() || result.isNull() ? Optional.empty() : Optional.of(result);
        }
        return Optional.of(new Stored(value.body(), expiration, meta));
    }

    /** Every key entry of a namespace ({@code name}, optional {@code expiration}, {@code metadata}), paging by cursor. */
    List<JsonNode> listKeys(String namespaceId, String prefix) {
        List<JsonNode> keys = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            HttpUrl.Builder url = kvUrl(namespaceId, "keys").newBuilder().addQueryParameter("limit", "1000");
            if (prefix != null) {
                url.addQueryParameter("prefix", prefix);
            }
            if (cursor != null) {
                url.addQueryParameter("cursor", cursor);
            }
            Reply reply = get(url.build());
            JsonNode envelope = reply.json();
            if (reply.status() != 200 || !envelope.path("success").asBoolean()) {
                throw new AssertionError("list keys failed: HTTP " + reply.status() + " " + reply.text());
            }
            envelope.path("result").forEach(keys::add);
            JsonNode next = envelope.path("result_info").path("cursor");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
                return keys;
            }
            cursor = next.asText();
        }
        throw new AssertionError("key listing did not end after 10,000 pages");
    }

    /** Every namespace of the account, paging by page number until an empty page (as wrangler does). */
    List<JsonNode> listNamespaces() {
        List<JsonNode> namespaces = new ArrayList<>();
        for (int page = 1; page < 1_000; page++) {
            HttpUrl url = accountUrl("storage/kv/namespaces")
                    .newBuilder()
                    .addQueryParameter("page", Integer.toString(page))
                    .addQueryParameter("per_page", "100")
                    .build();
            Reply reply = get(url);
            JsonNode envelope = reply.json();
            if (reply.status() != 200 || !envelope.path("success").asBoolean()) {
                throw new AssertionError("list namespaces failed: HTTP " + reply.status() + " " + reply.text());
            }
            JsonNode result = envelope.path("result");
            if (result.size() == 0) {
                return namespaces;
            }
            result.forEach(namespaces::add);
        }
        throw new AssertionError("namespace listing did not end after 1,000 pages");
    }

    /** JavaScript's {@code encodeURIComponent}, which is what wrangler applies to key names. */
    static String encodeComponent(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0;
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
