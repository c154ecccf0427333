package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Cloudflare API client: every call Landfall makes to Cloudflare goes through one instance,
 * so one rate limiter and one retry policy govern them all. Bearer authentication, the JSON
 * envelope streamed with Jackson, typed errors through {@link CloudflareErrors}.
 *
 * <p>Lifecycle: construct, call from any number of threads (at most {@link
 * CloudflareClientOptions#concurrency()} requests are in flight at once; the rest wait), {@link
 * #close()} (idempotent, from any thread) to cancel what is in flight. {@link #stats()} stays
 * readable after close.
 *
 * <p>Every method throws {@link LandfallException} for answers that are not a success (after the
 * retry policy gave up on transient ones), and {@link IOException} only when cancelled or
 * interrupted.
 */
public final class CloudflareClient implements Closeable {
    /** The most keys one list call returns, and what the client asks for. */
    public static final int MAX_LIST_LIMIT = 1000;

    /** The most keys one bulk get accepts. */
    public static final int MAX_BULK_KEYS = 100;

    private static final MediaType JSON = MediaType.get("application/json");

    private final CloudflareEndpoint endpoint;
    private final CloudflareClientOptions options;
    private final Transport transport;
    private final ApiRequests requests;
    private final ObjectReader namespaceReader;
    private final ObjectReader tokenReader;

    /** A client for {@code endpoint}; no request is sent until a method is called. */
    public CloudflareClient(CloudflareEndpoint endpoint, CloudflareClientOptions options) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.options = Objects.requireNonNull(options, "options");
        this.transport = new Transport(endpoint, options);
        this.requests = new ApiRequests(endpoint, transport);
        JsonMapper mapper = new JsonMapper(transport.envelopes().factory());
        this.namespaceReader = mapper.readerFor(KvNamespaceInfo.class);
        this.tokenReader = mapper.readerFor(TokenStatus.class);
    }

    /** Where the client talks to (the token masked in its {@code toString}). */
    public CloudflareEndpoint endpoint() {
        return endpoint;
    }

    /** How the client behaves. */
    public CloudflareClientOptions options() {
        return options;
    }

    /** {@code Cloudflare account ID at URL}, for messages. */
    public String describe() {
        return "Cloudflare account " + endpoint.accountId() + " at " + endpoint.baseUrl();
    }

    /**
     * Checks the token: {@code /user/tokens/verify} first, then {@code
     * /accounts/{id}/tokens/verify}, since an account-owned token fails the user path
     * (cloudflare-api.md §1.3).
     *
     * @throws LandfallException {@code REJECTED} "token rejected" when neither path accepts it or it
     *     is not active
     */
    public TokenStatus verifyToken() throws IOException {
        TokenStatus status;
        try {
            status = verify(url().addPathSegments("user/tokens/verify").build()).orElseThrow();
        } catch (LandfallException userPath) {
            if (userPath.kind() != ErrorKind.REJECTED) {
                throw userPath;
            }
            // An account path the API does not serve (404) says nothing about the token.
            status = verify(account().addPathSegments("tokens/verify").build()).orElseThrow(() -> userPath);
        }
        if (!status.active()) {
            throw LandfallException.rejected(
                    "token rejected: Cloudflare says the API token is " + status.status(),
                    "check CLOUDFLARE_API_TOKEN, or create a new token");
        }
        return status;
    }

    /** The token's status from one verify path; empty when the path answers 404. */
    private Optional<TokenStatus> verify(HttpUrl url) throws IOException {
        ApiOperation op = new ApiOperation("verify the API token", ApiOperation.ACCOUNT_READ, accountId(), null);
        return transport.exchange(
                op,
                get(url),
                (r, body) -> Optional.of(checked(op, read(body, p -> tokenReader.<TokenStatus>readValue(p)))
                        .requiredResult(op, "result", "retrying will not help; check CLOUDFLARE_API_BASE_URL")),
                (status, errors, snippet) -> status == 404 ? Optional.of(Optional.empty()) : Optional.empty());
    }

    /**
     * Every KV namespace of the account, page by page ({@code per_page=100}) until a page is empty
     * or {@code page × per_page ≥ total_count}.
     */
    public List<KvNamespaceInfo> listKvNamespaces() throws IOException {
        ApiOperation op = new ApiOperation(
                "list the kv namespaces of account " + accountId(), ApiOperation.KV_READ, accountId(), null);
        return requests.allPages(op, this::namespaces, p -> KvResults.namespaces(p, namespaceReader));
    }

    /** One page of keys, {@value #MAX_LIST_LIMIT} at most; see {@link #listKeys(String, String, String, int)}. */
    public KeyPage listKeys(String namespaceId, String prefix, String cursor) throws IOException {
        return listKeys(namespaceId, prefix, cursor, MAX_LIST_LIMIT);
    }

    /**
     * One page of keys of a namespace, with their metadata (exact JSON text) and expiration.
     *
     * @param prefix only keys starting with it; {@code ""} for all (send the same on every page)
     * @param cursor {@code ""} for the first page, else the previous page's {@link KeyPage#cursor()}
     * @param limit 10..1000 keys
     */
    public KeyPage listKeys(String namespaceId, String prefix, String cursor, int limit) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 10 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be 10.." + MAX_LIST_LIMIT + ": " + limit);
        }
        ApiOperation op = kvOp("list keys of kv namespace " + namespaceId, namespaceId);
        HttpUrl.Builder url =
                namespace(namespaceId).addPathSegment("keys").addQueryParameter("limit", String.valueOf(limit));
        if (!prefix.isEmpty()) {
            url.addQueryParameter("prefix", prefix);
        }
        if (!cursor.isEmpty()) {
            url.addQueryParameter("cursor", cursor);
        }
        return transport.exchange(
                op,
                get(url.build()),
                (r, body) -> {
                    RawJsonTap tap = new RawJsonTap(body);
                    ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);
                    Envelope<List<ListedKey>> e = checked(
                            op,
                            read(
                                    tap,
                                    p -> KvResults.keys(
                                            p, tap, transport.envelopes().factory(), scratch)));
                    return new KeyPage(
                            e.result() == null ? List.of() : e.result(),
                            e.info().cursor());
                },
                none());
    }

    /**
     * Values of up to {@value #MAX_BULK_KEYS} keys as text ({@code type: "text"}). Metadata and
     * expiration are not asked for: the key list already carries them.
     *
     * @return the values; {@link BulkGetResult.TooLarge} for a 413, {@link BulkGetResult.Refused}
     *     for a 400 that is not about the token
     */
    public BulkGetResult bulkGet(String namespaceId, List<String> keys) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        if (keys.isEmpty() || keys.size() > MAX_BULK_KEYS) {
            throw new IllegalArgumentException("a bulk get takes 1.." + MAX_BULK_KEYS + " keys: " + keys.size());
        }
        ApiOperation op = kvOp("bulk get " + keys.size() + " values of kv namespace " + namespaceId, namespaceId);
        Request request = new Request.Builder()
                .url(namespace(namespaceId)
                        .addPathSegment("bulk")
                        .addPathSegment("get")
                        .build())
                .post(RequestBody.create(bulkGetBody(keys), JSON))
                .build();
        return transport.exchange(
                op,
                request,
                (r, body) -> {
                    Envelope<Map<String, Optional<String>>> e = checked(op, read(body, KvResults::values));
                    return new BulkGetResult.Values(e.result() == null ? Map.of() : e.result());
                },
                (status, errors, snippet) -> {
                    if (status == 413) {
                        return Optional.of(
                                new BulkGetResult.TooLarge(transport.token().scrub(snippet)));
                    }
                    if (status == 400 && !CloudflareErrors.tokenRefused(status, errors)) {
                        return Optional.of(
                                new BulkGetResult.Refused(transport.token().scrub(snippet)));
                    }
                    return Optional.empty();
                });
    }

    /**
     * One value's raw bytes ({@code GET …/values/{key}}, the key percent-encoded as one path
     * segment) and its {@code expiration} header.
     *
     * @return empty when the key does not exist (404, code 10009)
     */
    public Optional<ValueRead> getValue(String namespaceId, Key key) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        String segment;
        try {
            segment = KeyPaths.segment(key);
        } catch (IllegalArgumentException e) {
            throw LandfallException.failed(
                    "key '" + key + "' in kv namespace " + namespaceId + " cannot be read on its own: "
                            + e.getMessage(),
                    "Cloudflare does not allow such keys; report how it was listed");
        }
        ApiOperation op = kvOp(
                "read the value of key '" + abbreviate(key.text()) + "' in kv namespace " + namespaceId, namespaceId);
        Request request = new Request.Builder()
                .url(namespace(namespaceId)
                        .addPathSegment("values")
                        .addEncodedPathSegment(segment)
                        .build())
                .header("Accept", "application/octet-stream")
                .get()
                .build();
        return transport.exchange(
                op,
                request,
                (r, body) -> Optional.of(new ValueRead(body.readAllBytes(), expirationHeader(r.header("expiration")))),
                (status, errors, snippet) -> status == 404 && CloudflareErrors.has(errors, KvErrorCodes.KEY_NOT_FOUND)
                        ? Optional.of(Optional.empty())
                        : Optional.empty());
    }

    /**
     * Writes one value ({@code PUT …/values/{key}}, raw body, no metadata or expiry). Landfall
     * writes to Cloudflare only for a cutover's edge split; an idempotent PUT is safe to retry.
     */
    public void putValue(String namespaceId, String key, byte[] value) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        ApiOperation op = new ApiOperation(
                "write key '" + abbreviate(key) + "' in kv namespace " + namespaceId,
                ApiOperation.KV_WRITE,
                accountId(),
                namespaceId);
        Request request = new Request.Builder()
                .url(namespace(namespaceId)
                        .addPathSegment("values")
                        .addPathSegment(key)
                        .build())
                .header("Accept", "application/json")
                .put(RequestBody.create(value, MediaType.get("application/octet-stream")))
                .build();
        transport.exchange(
                op,
                request,
                (r, body) -> {
                    body.readAllBytes();
                    return Boolean.TRUE;
                },
                (status, errors, snippet) -> Optional.empty());
    }

    /** The most pairs one bulk write, and keys one bulk delete, accepts. */
    public static final int MAX_BULK_WRITE_ITEMS = KvLimits.MAX_BULK_WRITE_ITEMS;

    /** The largest bulk write request body Cloudflare accepts, in bytes (100 MB). */
    public static final long MAX_BULK_WRITE_BYTES = KvLimits.MAX_BULK_WRITE_BYTES;

    /**
     * Writes pairs in one request ({@code PUT …/bulk}). Safe to retry: writing the same pairs again
     * changes nothing.
     *
     * @param body a JSON array of up to {@value #MAX_BULK_WRITE_ITEMS} bulk items, at most {@link
     *     #MAX_BULK_WRITE_BYTES} bytes
     * @param pairs how many items the body holds, for messages
     * @param title the namespace's title, for messages
     * @return which keys Cloudflare did not take
     */
    public BulkWriteResult bulkWrite(String namespaceId, String title, byte[] body, int pairs) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        if (body.length > MAX_BULK_WRITE_BYTES) {
            throw new IllegalArgumentException("a bulk write body is at most " + MAX_BULK_WRITE_BYTES + " bytes");
        }
        ApiOperation op = writeOp("write " + pairs + " pair(s) into " + named(namespaceId, title), namespaceId);
        Request request = new Request.Builder()
                .url(namespace(namespaceId).addPathSegment("bulk").build())
                .header("Accept", "application/json")
                .put(RequestBody.create(body, JSON))
                .build();
        return bulkExchange(op, request);
    }

    /**
     * Deletes keys in one request ({@code POST …/bulk/delete}); a key that is not there is no
     * error. Safe to retry.
     *
     * @param keys 1 to {@value #MAX_BULK_WRITE_ITEMS} keys
     * @param title the namespace's title, for messages
     */
    public BulkWriteResult bulkDelete(String namespaceId, String title, List<String> keys) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        if (keys.isEmpty() || keys.size() > MAX_BULK_WRITE_ITEMS) {
            throw new IllegalArgumentException(
                    "a bulk delete takes 1.." + MAX_BULK_WRITE_ITEMS + " keys: " + keys.size());
        }
        ApiOperation op = writeOp("delete " + keys.size() + " key(s) from " + named(namespaceId, title), namespaceId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + keys.size() * 32);
        try (JsonGenerator g = transport.envelopes().factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (String k : keys) {
                g.writeString(k);
            }
            g.writeEndArray();
        }
        Request request = new Request.Builder()
                .url(namespace(namespaceId)
                        .addPathSegment("bulk")
                        .addPathSegment("delete")
                        .build())
                .header("Accept", "application/json")
                .post(RequestBody.create(out.toByteArray(), JSON))
                .build();
        return bulkExchange(op, request);
    }

    /**
     * Creates a KV namespace ({@code POST …/namespaces}). Not retried blindly by the caller: a
     * second create of the same title is refused by Cloudflare.
     *
     * @return the new namespace
     */
    public KvNamespaceInfo createKvNamespace(String title) throws IOException {
        Objects.requireNonNull(title, "title");
        ApiOperation op = new ApiOperation(
                "create the kv namespace '" + abbreviate(title) + "' in account " + accountId(),
                ApiOperation.KV_WRITE,
                accountId(),
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = transport.envelopes().factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeEndObject();
        }
        Request request = new Request.Builder()
                .url(namespaces().build())
                .header("Accept", "application/json")
                .post(RequestBody.create(out.toByteArray(), JSON))
                .build();
        return transport.exchange(
                op,
                request,
                (r, body) -> checked(op, read(body, p -> namespaceReader.<KvNamespaceInfo>readValue(p)))
                        .requiredResult(
                                op,
                                "namespace",
                                "list the account's namespaces: it may have been created; rerun to use it"),
                none());
    }

    private BulkWriteResult bulkExchange(ApiOperation op, Request request) throws IOException {
        return transport.exchange(
                op,
                request,
                (r, body) -> {
                    Envelope<BulkWriteResult> e = checked(op, read(body, KvResults::bulkWrite));
                    return e.result() == null ? BulkWriteResult.ALL : e.result();
                },
                none());
    }

    private ApiOperation writeOp(String description, String namespaceId) {
        return new ApiOperation(description, ApiOperation.KV_WRITE, accountId(), namespaceId);
    }

    private static String named(String namespaceId, String title) {
        return title == null || title.isEmpty() || title.equals(namespaceId)
                ? "kv namespace " + namespaceId
                : "kv namespace '" + abbreviate(title) + "' (" + namespaceId + ")";
    }

    /** The shared request code, for {@link WorkersClient}: the same rate limiter and retry policy. */
    ApiRequests requests() {
        return requests;
    }

    /** What the client has done so far; thread-safe, also after {@link #close()}. */
    public ClientStats stats() {
        return transport.stats();
    }

    /**
     * Cancels the requests now in flight on these threads (a source's workers, when it closes);
     * each ends with an {@link IOException} that is not retried. Thread-safe.
     */
    public void cancelRequestsOn(Collection<Thread> threads) {
        transport.cancelRequestsOn(threads);
    }

    /** Cancels every request in flight and refuses new ones; idempotent, from any thread. */
    @Override
    public void close() {
        transport.close();
    }

    // --- requests

    private String accountId() {
        return endpoint.accountId();
    }

    private ApiOperation kvOp(String description, String namespaceId) {
        return new ApiOperation(description, ApiOperation.KV_READ, accountId(), namespaceId);
    }

    private HttpUrl.Builder url() {
        return requests.url();
    }

    private HttpUrl.Builder account() {
        return requests.account();
    }

    private HttpUrl.Builder namespaces() {
        return account().addPathSegment("storage").addPathSegment("kv").addPathSegment("namespaces");
    }

    private HttpUrl.Builder namespace(String namespaceId) {
        return namespaces().addPathSegment(namespaceId);
    }

    private static Request get(HttpUrl url) {
        return ApiRequests.get(url);
    }

    private <T> Envelope<T> read(InputStream body, EnvelopeReader.ResultReader<T> reader) throws IOException {
        return requests.read(body, reader);
    }

    private <T> Envelope<T> checked(ApiOperation op, Envelope<T> e) {
        return requests.checked(op, e);
    }

    private static <T> Transport.Recovery<T> none() {
        return ApiRequests.none();
    }

    private byte[] bulkGetBody(List<String> keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + keys.size() * 64);
        try (JsonGenerator g = transport.envelopes().factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("keys");
            for (String k : keys) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeStringField("type", "text");
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static Long expirationHeader(String value) {
        if (value == null || !value.strip().matches("\\d{1,15}")) {
            return null;
        }
        return Long.parseLong(value.strip());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
