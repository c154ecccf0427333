package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.text.VisibleText;
import java.io.IOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The live-migration follower's {@code /statusz} as JSON ({@code landfall migrate --follow
 * --status-addr}; docs/status-pages.md), read over HTTP. Only that one URL is ever contacted:
 * no proxy, no redirect followed, no retry; the caller decides when to ask again.
 */
public final class FollowerStatusPage implements AutoCloseable {
    /** The status page version this reader understands. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpUrl statusz;
    private final OkHttpClient http;

    private FollowerStatusPage(HttpUrl statusz) {
        this.statusz = statusz;
        // A status page on loopback answers in milliseconds; one that takes seconds is as good as down.
        this.http = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * The page under {@code url}, the address the follower's {@code --status-addr} serves
     * ({@code http://127.0.0.1:9464}); {@code …/statusz} itself is taken too.
     *
     * @throws LandfallException USAGE naming {@code --follow-status} when {@code url} is not such an
     *     address
     */
    public static FollowerStatusPage at(String url) {
        Objects.requireNonNull(url, "url");
        HttpUrl parsed = HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw bad(shown(url), "is not an http(s) URL");
        }
        HttpUrl.Builder masked = parsed.newBuilder()
                .encodedQuery(parsed.query() == null ? null : "****")
                .encodedFragment(parsed.fragment() == null ? null : "****");
        if (!parsed.password().isEmpty()) {
            masked.password("****");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw bad(masked.build().toString(), "carries credentials; the status pages take none");
        }
        if (parsed.query() != null || parsed.fragment() != null) {
            throw bad(masked.build().toString(), "has a query or fragment");
        }
        String path = parsed.encodedPath();
        if (!path.equals("/") && !path.equals("/statusz")) {
            throw bad(parsed.toString(), "has the path " + path + "; the follower serves /statusz at its root");
        }
        return new FollowerStatusPage(
                parsed.newBuilder().encodedPath("/statusz").build());
    }

    // What is not a URL is echoed too, but never what could be a password before an @.
    private static String shown(String text) {
        int at = text.lastIndexOf('@');
        return VisibleText.of(at < 0 ? text : "****" + text.substring(at));
    }

    private static LandfallException bad(String url, String problem) {
        return LandfallException.usage(
                "--follow-status " + url + " " + problem,
                "give the address the follower's --status-addr serves, e.g. --follow-status http://127.0.0.1:9464"
                        + " (landfall migrate --follow prints it)");
    }

    /** The page's URL, for messages (it holds no secret). */
    public String describe() {
        return statusz.toString();
    }

    /**
     * Reads the page once.
     *
     * @throws IOException with a one-line reason when the page cannot be reached, answers other
     *     than 200, answers something other than JSON, or JSON that is not a status page of
     *     version {@value #VERSION}
     */
    public FollowerReading read() throws IOException {
        Request request = new Request.Builder()
                .url(statusz)
                .header("Accept", "application/json")
                .get()
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IOException("it answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            MediaType type = body.contentType();
            if (type == null || !type.subtype().equals("json")) {
                throw new IOException(
                        "it answered " + (type == null ? "without a content type" : type.type() + "/" + type.subtype())
                                + ", not JSON");
            }
            return reading(JSON.readTree(body.byteStream()));
        }
    }

    private static FollowerReading reading(JsonNode page) throws IOException {
        if (page == null || !page.isObject() || !page.has("lagSeconds") || !page.has("lagChanges")) {
            throw new IOException("it answered JSON that is not a Landfall status page (no lagSeconds and lagChanges)");
        }
        if (page.path("version").asInt(-1) != VERSION) {
            throw new IOException("it answered a status page of version " + page.path("version")
                    + "; this Landfall reads version " + VERSION);
        }
        JsonNode seconds = page.get("lagSeconds");
        JsonNode changes = page.get("lagChanges");
        if (!(seconds.isNull() || seconds.isNumber()) || !(changes.isNull() || changes.canConvertToExactIntegral())) {
            throw new IOException("its lagSeconds or lagChanges is neither a number nor null");
        }
        JsonNode error = page.path("lastError");
        Optional<FollowerReading.LastError> lastError = error.isObject()
                ? Optional.of(new FollowerReading.LastError(
                        error.path("message").asText(""), error.path("at").asText("")))
                : Optional.empty();
        return new FollowerReading(
                changes.isNull() ? OptionalLong.empty() : OptionalLong.of(changes.asLong()),
                seconds.isNull()
                        ? Optional.empty()
                        : Optional.of(Duration.ofMillis(Math.round(seconds.asDouble() * 1000))),
                lastError);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
