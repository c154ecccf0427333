package dev.landfall.cloudflare.worker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cloudflare.api.ConnectionRefused;
import dev.landfall.core.codec.TypedJsonDecoder;
import dev.landfall.core.codec.TypedJsonEncoder;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.live.CaptureInfo;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.ChangePage;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.model.Scope;
import dev.landfall.core.retry.RetryPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads Durable Objects and KV namespaces through an export Worker (docs/export-worker-protocol.md
 * protocol 1). Every call goes through the {@link RetryPolicy}; failures are mapped by {@link
 * ExportWorkerErrors}. Thread-safe: calls may run concurrently. The only class that touches the
 * export secret.
 */
public final class ExportWorkerClient implements Closeable {
    /** The protocol version this client reads data with; the change log needs {@link #CHANGE_LOG_PROTOCOL}. */
    public static final int PROTOCOL = 1;
    /** The protocol version that added the change log (§7). */
    public static final int CHANGE_LOG_PROTOCOL = 2;
    /** The typed JSON format version it reads. */
    public static final int TYPED_JSON = 1;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int SNIPPET_BYTES = 4096;

    private final HttpUrl base;
    private final Secret secret;
    private final RetryPolicy retry;
    private final OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = new JsonFactory();
    private final TypedJsonDecoder decoder = new TypedJsonDecoder();
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();

    /**
     * @param url the Worker's URL ({@code --export-worker}); the protocol paths go below its path
     * @param secret the export secret
     * @param retry retries transient failures
     * @param concurrency the most requests in flight at once
     */
    public ExportWorkerClient(String url, Secret secret, RetryPolicy retry, int concurrency) {
        HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
        if (parsed == null) {
            throw LandfallException.usage(
                    "--export-worker: '" + url + "' is not an http(s) URL",
                    "give the deployed export Worker's URL, for example https://landfall-export.example.workers.dev");
        }
        this.base = parsed;
        this.secret = Objects.requireNonNull(secret, "secret");
        this.retry = Objects.requireNonNull(retry, "retry");
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(Math.max(1, concurrency));
        dispatcher.setMaxRequestsPerHost(Math.max(1, concurrency));
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(120))
                .callTimeout(Duration.ofMinutes(5))
                .build();
    }

    /** The Worker's URL, for messages (it holds no secret). */
    public String describe() {
        return base.toString();
    }

    /** {@code GET info}; refuses a Worker that speaks another protocol or typed JSON version. */
    public WorkerInfo info() throws IOException {
        JsonNode node = call("read export Worker info", get("info"), (in) -> mapper.readTree(in));
        int protocol = node.path("protocol").asInt(-1);
        int typedJson = node.path("typedJson").asInt(-1);
        if (protocol != PROTOCOL || typedJson != TYPED_JSON) {
            throw LandfallException.rejected(
                    "the export Worker at " + describe() + " speaks protocol " + protocol + " with typed JSON "
                            + typedJson + "; this Landfall needs protocol " + PROTOCOL + " with typed JSON "
                            + TYPED_JSON,
                    "redeploy the export Worker from this Landfall release (landfall export-worker scaffold)");
        }
        List<WorkerInfo.DoBinding> dos = new ArrayList<>();
        for (JsonNode d : node.path("durableObjects")) {
            JsonNode cls = d.path("className");
            dos.add(new WorkerInfo.DoBinding(
                    d.path("binding").asText(), cls.isTextual() ? Optional.of(cls.asText()) : Optional.empty()));
        }
        List<String> kv = new ArrayList<>();
        node.path("kv").forEach(k -> kv.add(k.asText()));
        return new WorkerInfo(protocol, typedJson, dos, kv);
    }

    /** One page of an object's storage after {@code after} (exclusive; empty: from the start). */
    public EntryPage entries(String binding, String objectId, Optional<String> after, int limit) throws IOException {
        ObjectNode body = mapper.createObjectNode().put("limit", limit);
        after.ifPresent(a -> body.put("after", a));
        String what = "read Durable Object " + objectId + " (binding " + binding + ")";
        return call(what, post(body, "do", binding, objectId, "entries"), this::readEntries);
    }

    /** The object's SQL schema. */
    public ObjectSchema schema(String binding, String objectId) throws IOException {
        String what = "read the SQL schema of Durable Object " + objectId + " (binding " + binding + ")";
        JsonNode node =
                call(what, post(mapper.createObjectNode(), "do", binding, objectId, "tables"), mapper::readTree);
        List<SchemaItem> items = new ArrayList<>();
        for (JsonNode i : node.path("schema")) {
            List<String> columns = new ArrayList<>();
            i.path("columns").forEach(c -> columns.add(c.asText()));
            items.add(new SchemaItem(
                    i.path("type").asText(),
                    i.path("name").asText(),
                    i.path("table").asText(),
                    i.path("sql").asText(),
                    columns,
                    i.path("withoutRowid").asBoolean(false)));
        }
        return new ObjectSchema(node.path("sqlite").asBoolean(false), items);
    }

    /** One page of a table's rows after {@code after} (the previous page's {@code next}). */
    public RowPage rows(String binding, String objectId, String table, OptionalLong after, int limit)
            throws IOException {
        ObjectNode body = mapper.createObjectNode().put("table", table).put("limit", limit);
        after.ifPresent(a -> body.put("after", a));
        String what = "read table " + table + " of Durable Object " + objectId + " (binding " + binding + ")";
        return call(what, post(body, "do", binding, objectId, "rows"), this::readRows);
    }

    /** One page of a bound KV namespace's keys; metadata as the Worker sent it ({@link KvAnswers}). */
    public KvKeyPage kvKeys(String binding, Optional<String> cursor, int limit) throws IOException {
        ObjectNode body = mapper.createObjectNode().put("limit", limit);
        cursor.ifPresent(c -> body.put("cursor", c));
        return call(
                "list keys of KV binding " + binding,
                post(body, "kv", binding, "keys"),
                in -> KvAnswers.keys(in.readAllBytes(), json));
    }

    /** The values and metadata of up to 100 keys of a bound KV namespace, in the order asked. */
    public List<WorkerValue> kvValues(String binding, List<String> keys) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        keys.forEach(body.putArray("keys")::add);
        return call(
                "read values of KV binding " + binding,
                post(body, "kv", binding, "values"),
                in -> KvAnswers.values(in.readAllBytes(), json));
    }

    /**
     * {@code GET /landfall/v2/info}'s {@code capture}: the change log's layout.
     *
     * @throws LandfallException REJECTED when the Worker predates the change log, USAGE when it has
     *     no change-log binding
     */
    public CaptureInfo captureInfo() throws IOException {
        JsonNode node = call(
                "read the export Worker's change log",
                request("v2", "info").get().build(),
                mapper::readTree);
        if (node.path("protocol").asInt(-1) < CHANGE_LOG_PROTOCOL) {
            throw LandfallException.rejected(
                    "the export Worker at " + describe() + " speaks protocol "
                            + node.path("protocol").asInt(-1) + ", which has no change log",
                    "redeploy the export Worker from this Landfall release with capture"
                            + " (landfall export-worker scaffold --capture)");
        }
        JsonNode capture = node.path("capture");
        if (!capture.isObject()) {
            throw LandfallException.usage(
                    "the export Worker at " + describe() + " has no change log (no LANDFALL_CHANGES binding)",
                    "turn capture on before the full load: landfall export-worker scaffold --capture, deploy it,"
                            + " and wrap every Worker that writes the namespaces (docs/live-migration.md)");
        }
        JsonNode account = capture.path("account");
        return new CaptureInfo(
                capture.path("shards").asInt(),
                capture.path("capacity").asLong(),
                account.isTextual() ? Optional.of(account.asText()) : Optional.empty());
    }

    /**
     * One page of a change-log shard after {@code after}.
     *
     * @param scopeOf the run's scope of a change, from its binding and key, or null when the run does
     *     not copy it
     */
    public ChangePage changes(int shard, long after, int limit, BiFunction<String, String, Scope> scopeOf)
            throws IOException {
        ObjectNode body = mapper.createObjectNode().put("after", after).put("limit", limit);
        JsonNode node = call(
                "read change-log shard " + shard,
                post("v2", body, "changes", Integer.toString(shard), "read"),
                mapper::readTree);
        ShardState state = ChangeLogAnswers.state(node);
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : node.path("changes")) {
            changes.add(ChangeLogAnswers.change(shard, c, scopeOf));
        }
        JsonNode next = node.path("next");
        return new ChangePage(state, changes, next.isNumber() ? OptionalLong.of(next.asLong()) : OptionalLong.empty());
    }

    /** Trims a change-log shard through {@code through}, if its epoch is still {@code epoch}. */
    public long trimChanges(int shard, String epoch, long through) throws IOException {
        ObjectNode body = mapper.createObjectNode().put("epoch", epoch).put("through", through);
        JsonNode node = call(
                "trim change-log shard " + shard,
                post("v2", body, "changes", Integer.toString(shard), "trim"),
                mapper::readTree);
        return node.path("trimmed").asLong();
    }

    /** Gives a change-log shard a new epoch and clears its overflow. */
    public ShardState resetChanges(int shard) throws IOException {
        JsonNode node = call(
                "reset change-log shard " + shard,
                post("v2", mapper.createObjectNode(), "changes", Integer.toString(shard), "reset"),
                mapper::readTree);
        return ChangeLogAnswers.state(node);
    }

    /**
     * Protocol 2's {@code current}: the values, metadata and expirations of up to 100 keys of a
     * bound KV namespace, in the order asked; what the follower writes for a changed key.
     */
    public List<WorkerValue> kvCurrent(String binding, List<String> keys) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        keys.forEach(body.putArray("keys")::add);
        return call(
                "read the current state of keys of KV binding " + binding,
                post("v2", body, "kv", binding, "current"),
                in -> KvAnswers.values(in.readAllBytes(), json));
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private EntryPage readEntries(InputStream in) throws IOException {
        // A page is at most about 4 MiB (the Worker's page size plus one value), held in full anyway.
        byte[] body = in.readAllBytes();
        Optional<EntryPage> canonical = CanonicalEntryPage.read(body);
        return canonical.isPresent() ? canonical.get() : decodeEntries(body);
    }

    /** Any valid answer: each value decoded and encoded again, into its canonical form. */
    EntryPage decodeEntries(byte[] body) throws IOException {
        List<ExportedEntry> entries = new ArrayList<>();
        Optional<String> next = Optional.empty();
        try (JsonParser p = json.createParser(body)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("entries") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entries.add(readEntry(p));
                    }
                } else if (field.equals("next") && t == JsonToken.VALUE_STRING) {
                    next = Optional.of(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return new EntryPage(entries, next);
    }

    private ExportedEntry readEntry(JsonParser p) throws IOException {
        String key = null;
        byte[] value = null;
        Unencodable error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "key" -> key = p.getText();
                case "value" -> value = encoder.encode(decoder.read(p));
                case "error" -> {
                    JsonNode e = mapper.readTree(p);
                    error = new Unencodable(
                            e.path("reason").asText("unknown"),
                            optionalText(e, "path"),
                            optionalText(e, "type"),
                            e.path("message").asText(""));
                }
                default -> p.skipChildren();
            }
        }
        if (key == null || (value == null) == (error == null)) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "an entry needs a key and a value or an error");
        }
        return new ExportedEntry(key, value == null ? new byte[0] : value, Optional.ofNullable(error));
    }

    private RowPage readRows(InputStream in) throws IOException {
        List<String> columns = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        OptionalLong next = OptionalLong.empty();
        try (JsonParser p = json.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("columns") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        columns.add(p.getText());
                    }
                } else if (field.equals("rows") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        rows.add(encoder.encode(decoder.read(p)));
                    }
                } else if (field.equals("next") && t == JsonToken.VALUE_NUMBER_INT) {
                    next = OptionalLong.of(p.getLongValue());
                } else {
                    p.skipChildren();
                }
            }
        }
        return new RowPage(columns, rows, next);
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + want + " but found " + got);
        }
    }

    private Request get(String... segments) {
        return request("v1", segments).get().build();
    }

    private Request post(JsonNode body, String... segments) throws IOException {
        return post("v1", body, segments);
    }

    private Request post(String version, JsonNode body, String... segments) throws IOException {
        return request(version, segments)
                .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON))
                .build();
    }

    private Request.Builder request(String version, String... segments) {
        HttpUrl.Builder url = base.newBuilder();
        // A base URL ending in "/" has an empty last segment; replace it rather than add after it.
        List<String> existing = base.pathSegments();
        if (!existing.isEmpty() && existing.get(existing.size() - 1).isEmpty()) {
            url.removePathSegment(existing.size() - 1);
        }
        url.addPathSegment("landfall").addPathSegment(version);
        for (String s : segments) {
            url.addPathSegment(s);
        }
        return new Request.Builder().url(url.build()).header("Authorization", "Bearer " + secret.reveal());
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream in) throws IOException;
    }

    private <T> T call(String what, Request request, BodyReader<T> reader) throws IOException {
        return retry.call(what, attempt -> {
            try (Response r = execute(request, what)) {
                ResponseBody body = r.body();
                if (r.code() != 200) {
                    throw ExportWorkerErrors.from(r.code(), what, errorDetail(body));
                }
                try {
                    return reader.read(body.byteStream());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw LandfallException.failed(
                            what + ": the export Worker's answer is not valid (" + JsonProblem.describe(e) + ")",
                            "redeploy the export Worker from this Landfall release (landfall export-worker scaffold)",
                            e);
                }
            }
        });
    }

    private Response execute(Request request, String what) throws IOException {
        try {
            return http.newCall(request).execute();
        } catch (ConnectException e) {
            throw ConnectionRefused.at(
                    request.url(),
                    what,
                    "--export-worker (or LANDFALL_EXPORT_WORKER_URL) and that the export Worker is deployed there",
                    e);
        }
    }

    private String errorDetail(ResponseBody body) {
        try {
            byte[] bytes = body.byteStream().readNBytes(SNIPPET_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode node = mapper.readTree(text);
            return secret.scrub(node.path("error").asText(text));
        } catch (IOException | RuntimeException e) {
            return "no details";
        }
    }
}
