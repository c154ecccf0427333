package dev.landfall.cloudflare.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The request side every Cloudflare API call shares, in one place for {@link CloudflareClient} and
 * {@link WorkersClient}: account URLs, JSON GETs, reading and checking the envelope, and the
 * {@code page}/{@code per_page} list loop. Thread-safe, as the transport is.
 */
final class ApiRequests {
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 10_000;

    private final CloudflareEndpoint endpoint;
    private final Transport transport;
    private final HttpUrl base;

    ApiRequests(CloudflareEndpoint endpoint, Transport transport) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.base = HttpUrl.get(endpoint.baseUrl());
    }

    Transport transport() {
        return transport;
    }

    String accountId() {
        return endpoint.accountId();
    }

    /** The API base URL. */
    HttpUrl.Builder url() {
        return base.newBuilder();
    }

    /** {@code …/accounts/{account_id}}. */
    HttpUrl.Builder account() {
        return url().addPathSegment("accounts").addPathSegment(accountId());
    }

    /** {@code …/accounts/{account_id}/workers}. */
    HttpUrl.Builder workers() {
        return account().addPathSegment("workers");
    }

    static Request get(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .get()
                .build();
    }

    <T> Envelope<T> read(InputStream body, EnvelopeReader.ResultReader<T> reader) throws IOException {
        return transport.envelopes().read(body, reader);
    }

    /** A 2xx envelope with {@code success:false} is still a failure. */
    <T> Envelope<T> checked(ApiOperation op, Envelope<T> e) {
        if (!e.success()) {
            throw CloudflareErrors.from(op, 200, e.errors(), "", Optional.empty(), transport.token());
        }
        return e;
    }

    /** No status is recovered from: every failure goes to {@link CloudflareErrors}. */
    static <T> Transport.Recovery<T> none() {
        return (status, errors, snippet) -> Optional.empty();
    }

    /** One GET whose checked envelope is returned whole (for its {@code result_info}). */
    <T> Envelope<T> getEnvelope(ApiOperation op, HttpUrl url, EnvelopeReader.ResultReader<T> reader)
            throws IOException {
        return transport.exchange(op, get(url), (r, body) -> checked(op, read(body, reader)), none());
    }

    /** One GET of a list result; empty when the result is absent. */
    <T> List<T> getList(ApiOperation op, HttpUrl url, EnvelopeReader.ResultReader<List<T>> reader) throws IOException {
        List<T> result = getEnvelope(op, url, reader).result();
        return result == null ? List.of() : result;
    }

    /**
     * Every item of a {@code page}/{@code per_page} list ({@code per_page=100}), page by page until
     * a page is empty or {@code page × per_page ≥ total_count}.
     *
     * @param list the list's URL without paging parameters
     */
    <T> List<T> allPages(ApiOperation op, Supplier<HttpUrl.Builder> list, EnvelopeReader.ResultReader<List<T>> reader)
            throws IOException {
        List<T> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpUrl url = list.get()
                    .addQueryParameter("page", String.valueOf(page))
                    .addQueryParameter("per_page", String.valueOf(PER_PAGE))
                    .build();
            Envelope<List<T>> e = getEnvelope(op, url, reader);
            List<T> items = e.result() == null ? List.of() : e.result();
            all.addAll(items);
            long perPage = e.info().perPage() > 0 ? e.info().perPage() : PER_PAGE;
            long total = e.info().totalCount();
            if (items.isEmpty() || (total >= 0 && page * perPage >= total)) {
                break;
            }
        }
        return all;
    }
}
