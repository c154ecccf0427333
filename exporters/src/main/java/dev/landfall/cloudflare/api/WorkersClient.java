package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Workers side of an account, read over a {@link CloudflareClient}'s transport, so the same
 * rate limiter, retry policy and statistics cover these calls: the script list, each script's
 * settings (bindings), the Durable Object namespace list and its object lists (cloudflare-api.md
 * §3, §4). Read-only; thread-safe as the client is. Closing the client ends it too.
 *
 * <p>Every method throws {@link dev.landfall.core.error.LandfallException} for answers that are
 * not a success (a missing permission names "Workers Scripts Read"), {@link IOException} only when
 * cancelled or interrupted.
 */
public final class WorkersClient {
    /** The most object ids one object-list call returns, and what this client asks for. */
    public static final int MAX_OBJECTS_PER_PAGE = 10_000;

    private static final int NAMESPACES_PER_PAGE = 100;
    private static final int MAX_PAGES = 10_000;

    private final CloudflareClient client;
    private final Transport transport;
    private final ObjectReader doNamespaceReader;

    public WorkersClient(CloudflareClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.transport = client.transport();
        this.doNamespaceReader =
                new JsonMapper(transport.envelopes().factory()).readerFor(DurableObjectNamespaceInfo.class);
    }

    /** Every Worker script of the account (one unpaged list), bindings not yet read. */
    public List<WorkerScript> listScripts() throws IOException {
        ApiOperation op = op("list the Worker scripts of account " + accountId());
        HttpUrl url = workers().addPathSegment("scripts").build();
        Envelope<List<WorkerScript>> e =
                transport.exchange(op, get(url), (r, body) -> checked(op, read(body, WorkersResults::scripts)), none());
        return e.result() == null ? List.of() : e.result();
    }

    /** The bindings of one script, from its settings; values are never read (see {@link WorkerBinding}). */
    public List<WorkerBinding> bindings(String scriptName) throws IOException {
        Objects.requireNonNull(scriptName, "scriptName");
        ApiOperation op = op("read the settings of Worker script " + scriptName);
        HttpUrl url = workers()
                .addPathSegment("scripts")
                .addPathSegment(scriptName)
                .addPathSegment("settings")
                .build();
        Envelope<List<WorkerBinding>> e = transport.exchange(
                op, get(url), (r, body) -> checked(op, read(body, WorkersResults::bindings)), none());
        return e.result() == null ? List.of() : e.result();
    }

    /**
     * Every Durable Object namespace, page by page ({@code per_page=100}) until a page is empty or
     * {@code page × per_page ≥ total_count}.
     */
    public List<DurableObjectNamespaceInfo> listDurableObjectNamespaces() throws IOException {
        ApiOperation op = op("list the Durable Object namespaces of account " + accountId());
        List<DurableObjectNamespaceInfo> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpUrl url = doNamespaces()
                    .addQueryParameter("page", String.valueOf(page))
                    .addQueryParameter("per_page", String.valueOf(NAMESPACES_PER_PAGE))
                    .build();
            Envelope<List<DurableObjectNamespaceInfo>> e = transport.exchange(
                    op,
                    get(url),
                    (r, body) -> checked(op, read(body, p -> WorkersResults.doNamespaces(p, doNamespaceReader))),
                    none());
            List<DurableObjectNamespaceInfo> items = e.result() == null ? List.of() : e.result();
            all.addAll(items);
            long perPage = e.info().perPage() > 0 ? e.info().perPage() : NAMESPACES_PER_PAGE;
            long total = e.info().totalCount();
            if (items.isEmpty() || (total >= 0 && page * perPage >= total)) {
                break;
            }
        }
        return all;
    }

    /**
     * One page of a namespace's objects, {@value #MAX_OBJECTS_PER_PAGE} at most, counted.
     *
     * @param cursor {@code ""} for the first page, else the previous page's {@link ObjectCountPage#cursor()}
     */
    public ObjectCountPage listObjects(String namespaceId, String cursor) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(cursor, "cursor");
        ApiOperation op = op("list the objects of Durable Object namespace " + namespaceId);
        HttpUrl.Builder url = doNamespaces()
                .addPathSegment(namespaceId)
                .addPathSegment("objects")
                .addQueryParameter("limit", String.valueOf(MAX_OBJECTS_PER_PAGE));
        if (!cursor.isEmpty()) {
            url.addQueryParameter("cursor", cursor);
        }
        return transport.exchange(
                op,
                get(url.build()),
                (r, body) -> {
                    Envelope<int[]> e = checked(op, read(body, WorkersResults::objectCounts));
                    int[] counts = e.result() == null ? new int[2] : e.result();
                    // An empty page ends the list whatever the cursor says (cloudflare-api.md §3.2).
                    String next = counts[0] == 0 ? "" : e.info().cursor();
                    return new ObjectCountPage(counts[0], counts[1], next);
                },
                none());
    }

    private String accountId() {
        return client.endpoint().accountId();
    }

    private static ApiOperation op(String description, String accountId) {
        return new ApiOperation(description, ApiOperation.SCRIPTS_READ, accountId, null);
    }

    private ApiOperation op(String description) {
        return op(description, accountId());
    }

    private HttpUrl.Builder workers() {
        return HttpUrl.get(client.endpoint().baseUrl())
                .newBuilder()
                .addPathSegment("accounts")
                .addPathSegment(accountId())
                .addPathSegment("workers");
    }

    private HttpUrl.Builder doNamespaces() {
        return workers().addPathSegment("durable_objects").addPathSegment("namespaces");
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .get()
                .build();
    }

    private <T> Envelope<T> read(InputStream body, EnvelopeReader.ResultReader<T> reader) throws IOException {
        return transport.envelopes().read(body, reader);
    }

    private <T> Envelope<T> checked(ApiOperation op, Envelope<T> e) {
        if (!e.success()) {
            throw CloudflareErrors.from(op, 200, e.errors(), "", Optional.empty(), transport.token());
        }
        return e;
    }

    private static <T> Transport.Recovery<T> none() {
        return (status, errors, snippet) -> Optional.empty();
    }
}
