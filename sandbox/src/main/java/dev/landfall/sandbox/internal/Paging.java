package dev.landfall.sandbox.internal;

import java.util.List;

/**
 * Page-number paging as Cloudflare's V4 page lists do it: {@code page} from 1, the page after the
 * last answers an empty {@code result}, and {@code result_info} carries {@code page}, {@code
 * per_page}, {@code count}, {@code total_count} and {@code total_pages}.
 */
public final class Paging {
    /** Smallest and largest {@code per_page}; outside values are clamped (wrangler asks for 1000). */
    public static final int MIN_PER_PAGE = 5;

    public static final int MAX_PER_PAGE = 1000;

    private Paging() {}

    /** One page of {@code all}, with its {@code result_info}. */
    public static <T> ApiResponse page(ApiRequest r, List<T> all, int defaultPerPage, JsonBody.ItemWriter<T> item) {
        int page = Queries.intParam(r, "page", 1, 1, Integer.MAX_VALUE);
        int perPage = Queries.clampedIntParam(r, "per_page", defaultPerPage, MIN_PER_PAGE, MAX_PER_PAGE);
        long from = (long) (page - 1) * perPage;
        List<T> slice =
                from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
        int totalPages = (all.size() + perPage - 1) / perPage;
        return Envelope.ok(JsonBody.array(slice, item), g -> {
            g.writeStartObject();
            g.writeNumberField("page", page);
            g.writeNumberField("per_page", perPage);
            g.writeNumberField("count", slice.size());
            g.writeNumberField("total_count", all.size());
            g.writeNumberField("total_pages", totalPages);
            g.writeEndObject();
        });
    }
}
