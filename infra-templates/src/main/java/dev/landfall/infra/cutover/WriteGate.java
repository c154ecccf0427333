package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The cutover Worker's write gate, steered through its control route {@code /__landfall/write-gate}
 * (docs/cutover.md, "Read split and the write gate"). The gate counts only while the dial says
 * {@code "writes":"gate"}; set that first and wait {@link EdgeSplit#PROPAGATION}.
 *
 * <p>Every call is one request, answered once the gate's Durable Object has stored the change, so
 * a change is in force everywhere when the call returns. Calls are idempotent (asking for the state
 * the gate is in succeeds), so a caller may repeat one that failed in transit. The secret comes only
 * from {@code LANDFALL_CUTOVER_SECRET} and never appears in a message.
 */
public final class WriteGate implements Closeable {
    /** The environment variable holding the Worker's secret. */
    public static final String SECRET_VARIABLE = "LANDFALL_CUTOVER_SECRET";
    /** The Worker refuses every control request unless its secret is at least this long. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String PATH = "/__landfall/write-gate";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int SNIPPET_CHARS = 200;
    private static final String SECRET_HINT = "set " + SECRET_VARIABLE
            + " to the secret given to `wrangler secret put " + SECRET_VARIABLE + "` (at least " + MIN_SECRET_LENGTH
            + " characters; a Worker without one refuses every control request)";
    private static final String REDEPLOY_HINT =
            "redeploy the cutover Worker from `landfall infra generate --format cutover-worker`, or check the URL";

    private final HttpUrl url;
    private final Secret secret;
    private final OkHttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param workerUrl where the cutover Worker answers at its root: its workers.dev address, or a
     *     host whose route covers {@code /__landfall/*}; any path is ignored
     * @param secret the Worker's {@code LANDFALL_CUTOVER_SECRET}
     * @throws LandfallException USAGE when the URL is not http(s) or the secret is too short
     */
    public WriteGate(String workerUrl, Secret secret) {
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(workerUrl, "workerUrl"));
        if (base == null) {
            throw LandfallException.usage(
                    "'" + workerUrl + "' is not an http(s) URL of the cutover Worker",
                    "give the cutover Worker's address, for example https://api.example.com");
        }
        if (Objects.requireNonNull(secret, "secret").reveal().length() < MIN_SECRET_LENGTH) {
            throw LandfallException.usage(
                    SECRET_VARIABLE + " is shorter than " + MIN_SECRET_LENGTH
                            + " characters, which the cutover Worker refuses",
                    "generate a longer one (openssl rand -hex 32), set it in the Worker and here");
        }
        this.url =
                base.newBuilder().encodedPath(PATH).query(null).fragment(null).build();
        this.secret = secret;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(45))
                .build();
    }

    /**
     * The gate of the Worker at {@code workerUrl}, with the secret from {@code env}'s {@value
     * #SECRET_VARIABLE}.
     *
     * @throws LandfallException USAGE when the variable is unset or too short
     */
    public static WriteGate fromEnvironment(String workerUrl, Map<String, String> env) {
        String value = env.get(SECRET_VARIABLE);
        if (value == null || value.isBlank()) {
            throw LandfallException.usage(
                    SECRET_VARIABLE + " is not set; the cutover Worker's write gate needs its secret", SECRET_HINT);
        }
        return new WriteGate(workerUrl, Secret.of(value.trim()));
    }

    /** The control route's URL, for messages (it holds no secret). */
    public String describe() {
        return url.toString();
    }

    /** Where writes go now. */
    public GateStatus state() {
        return call("read the write gate", new Request.Builder().url(url).get(), Optional.empty());
    }

    /**
     * Refuses writes from now on (from old, or from new to go back after a switch); writes admitted
     * just before may still be on their way.
     */
    public GateStatus freeze() {
        return set(GateState.FROZEN);
    }

    /** The switch: frozen to new. Fails with 409 unless the gate is frozen (or already new). */
    public GateStatus flip() {
        return set(GateState.NEW);
    }

    /** The abort: frozen back to old. Fails with 409 unless the gate is frozen (or already old). */
    public GateStatus unfreeze() {
        return set(GateState.OLD);
    }

    /**
     * Moves the gate to {@code target}.
     *
     * @throws LandfallException FAILED when the gate cannot go there from where it is (409), REJECTED
     *     for a wrong secret or a Worker without the gate, FAILED when nothing listens at the URL,
     *     TRANSIENT when the Worker failed or did not answer
     */
    public GateStatus set(GateState target) {
        byte[] body = ("{\"state\":\"" + target.json() + "\"}").getBytes(StandardCharsets.UTF_8);
        return call(
                "set the write gate to " + target.json(),
                new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE)),
                Optional.of(target));
    }

    private GateStatus call(String doing, Request.Builder builder, Optional<GateState> target) {
        Request request = builder.header("Authorization", "Bearer " + secret.reveal())
                .header("Accept", "application/json")
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = secret.scrub(body == null ? "" : body.string());
            if (response.code() == 200) {
                return status(doing, text);
            }
            throw refusal(doing, response.code(), text, target);
        } catch (ConnectException e) {
            throw LandfallException.failed(
                    "nothing is listening at " + origin() + " (connection refused) when asked to " + doing,
                    "check the cutover Worker's URL (" + describe() + ")",
                    e);
        } catch (UnknownHostException e) {
            throw LandfallException.failed(
                    "the host of " + describe() + " is unknown when asked to " + doing,
                    "check the cutover Worker's URL",
                    e);
        } catch (InterruptedIOException e) {
            throw LandfallException.transientFailure(
                    "the cutover Worker at " + describe() + " did not answer in time when asked to " + doing,
                    "the call is idempotent: repeat it, then check the gate's state",
                    e);
        } catch (IOException e) {
            throw LandfallException.transientFailure(
                    "the cutover Worker at " + describe() + " could not be reached when asked to " + doing + ": "
                            + secret.scrub(String.valueOf(e.getMessage())),
                    "the call is idempotent: repeat it, then check the gate's state",
                    e);
        }
    }

    private LandfallException refusal(String doing, int code, String body, Optional<GateState> target) {
        String where = "the cutover Worker at " + describe() + ", asked to " + doing + ", ";
        return switch (code) {
            case 401 -> LandfallException.rejected(where + "refused " + SECRET_VARIABLE + " (401)", SECRET_HINT);
            case 404 ->
                LandfallException.rejected(
                        where + "has no write gate (404): it is not a cutover Worker from this Landfall release",
                        REDEPLOY_HINT);
            case 501 ->
                LandfallException.rejected(
                        where + "has no LANDFALL_WRITE_GATE binding (501)",
                        "redeploy it from `landfall infra generate --format cutover-worker`: its wrangler.toml binds"
                                + " the gate");
            case 409 -> conflict(where, body, target.orElseThrow());
            default ->
                code >= 500 || code == 429
                        ? LandfallException.transientFailure(
                                where + "failed (" + code + ": " + detail(body) + ")",
                                "the call is idempotent: repeat it, then check the gate's state",
                                new IOException("HTTP " + code))
                        : LandfallException.failed(
                                where + "answered " + code + " (" + detail(body) + ")", REDEPLOY_HINT);
        };
    }

    private LandfallException conflict(String where, String body, GateState target) {
        String current = "another state";
        try {
            JsonNode node = json.readTree(body);
            current = node.path("state").asText(current);
        } catch (IOException e) {
            // keep "another state": the 409 itself says enough
        }
        return LandfallException.failed(
                where + "refused (409): the gate is " + current + " and cannot go to " + target.json() + " from there",
                "the gate moves only through frozen: freeze, then flip to new or unfreeze to old");
    }

    private GateStatus status(String doing, String body) {
        try {
            JsonNode node = json.readTree(body);
            Optional<GateState> state =
                    JsonEnum.parse(GateState.class, node.path("state").asText(""));
            if (state.isEmpty() || !node.path("since").isNumber()) {
                throw new IOException("no gate state in " + snippet(body));
            }
            JsonNode changed = node.path("changedAt");
            return new GateStatus(
                    state.get(),
                    Instant.ofEpochMilli(node.path("since").asLong()),
                    changed.isNumber() ? Optional.of(Instant.ofEpochMilli(changed.asLong())) : Optional.empty());
        } catch (IOException e) {
            throw LandfallException.failed(
                    "the cutover Worker at " + describe() + ", asked to " + doing
                            + ", answered with something other than the gate's state (" + e.getMessage() + ")",
                    REDEPLOY_HINT);
        }
    }

    private String detail(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException e) {
            // not JSON: show the start of it instead
        }
        return snippet(body);
    }

    private static String snippet(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "…";
    }

    private String origin() {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
