package dev.landfall.core.spi;

/**
 * What a source (or a store behind an API) spent of a remote API.
 *
 * @param requests requests sent, retries included
 * @param rateLimited answers that said "too many requests" (429)
 * @param retries requests sent again after a transient failure
 */
public record ApiUsage(long requests, long rateLimited, long retries) {
    /** Nothing spent: a local source. */
    public static final ApiUsage ZERO = new ApiUsage(0, 0, 0);

    /** The usage of a source or store, {@link #ZERO} where it calls no API. */
    public static ApiUsage of(Object sourceOrStore) {
        return sourceOrStore instanceof ApiMetered m ? m.apiUsage() : ZERO;
    }

    /** Both usages added. */
    public ApiUsage plus(ApiUsage other) {
        return new ApiUsage(requests + other.requests, rateLimited + other.rateLimited, retries + other.retries);
    }
}
