package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

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
    /** The most object ids one object-list call returns. */
    public static final int MAX_OBJECTS_PER_PAGE = 10_000;

    private final ApiRequests requests;
    private final ObjectReader doNamespaceReader;

    public WorkersClient(CloudflareClient client) {
        this.requests = Objects.requireNonNull(client, "client").requests();
        this.doNamespaceReader =
                new JsonMapper(requests.transport().envelopes().factory()).readerFor(DurableObjectNamespaceInfo.class);
    }

    /** Every Worker script of the account (one unpaged list), bindings not yet read. */
    public List<WorkerScript> listScripts() throws IOException {
        ApiOperation op = op("list the Worker scripts of account " + requests.accountId());
        return requests.getList(op, requests.workers().addPathSegment("scripts").build(), WorkersResults::scripts);
    }

    /** The bindings of one script, from its settings; values are never read (see {@link WorkerBinding}). */
    public List<WorkerBinding> bindings(String scriptName) throws IOException {
        Objects.requireNonNull(scriptName, "scriptName");
        ApiOperation op = op("read the settings of Worker script " + scriptName);
        HttpUrl url = requests.workers()
                .addPathSegment("scripts")
                .addPathSegment(scriptName)
                .addPathSegment("settings")
                .build();
        return requests.getList(op, url, WorkersResults::bindings);
    }

    /**
     * Every Durable Object namespace, page by page ({@code per_page=100}) until a page is empty or
     * {@code page × per_page ≥ total_count}.
     */
    public List<DurableObjectNamespaceInfo> listDurableObjectNamespaces() throws IOException {
        ApiOperation op = op("list the Durable Object namespaces of account " + requests.accountId());
        return requests.allPages(op, this::doNamespaces, p -> WorkersResults.doNamespaces(p, doNamespaceReader));
    }

    /**
     * One page of a namespace's objects (cursor paging): their ids, and how many have stored data.
     * An empty page ends the list whatever its cursor says (cloudflare-api.md §3.2).
     *
     * @param cursor {@code ""} for the first page, else the previous page's {@link ObjectPage#cursor()}
     * @param limit 10..{@value #MAX_OBJECTS_PER_PAGE} ids
     */
    public ObjectPage listObjects(String namespaceId, String cursor, int limit) throws IOException {
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(cursor, "cursor");
        ApiOperation op = new ApiOperation(
                "list the objects of Durable Object namespace " + namespaceId,
                ApiOperation.SCRIPTS_READ,
                requests.accountId(),
                namespaceId);
        HttpUrl.Builder url = doNamespaces()
                .addPathSegment(namespaceId)
                .addPathSegment("objects")
                .addQueryParameter("limit", String.valueOf(limit));
        if (!cursor.isEmpty()) {
            url.addQueryParameter("cursor", cursor);
        }
        Envelope<ObjectPage> e = requests.getEnvelope(op, url.build(), WorkersResults::objects);
        ObjectPage page = e.result() == null ? new ObjectPage(List.of(), 0, "") : e.result();
        return new ObjectPage(
                page.ids(),
                page.withStoredData(),
                page.ids().isEmpty() ? "" : e.info().cursor());
    }

    private ApiOperation op(String description) {
        return new ApiOperation(description, ApiOperation.SCRIPTS_READ, requests.accountId(), null);
    }

    private HttpUrl.Builder doNamespaces() {
        return requests.workers().addPathSegment("durable_objects").addPathSegment("namespaces");
    }
}
