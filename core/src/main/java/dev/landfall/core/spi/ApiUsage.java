package dev.landfall.core.spi;

/**
 * What a source spent of a remote API.
 *
 * @param requests requests sent, retries included
 * @param rateLimited answers that said "too many requests" (429)
 * @param retries requests sent again after a transient failure
 */
public record ApiUsage(long requests, long rateLimited, long retries) {
    /** Nothing spent: a local source. */
    public static final ApiUsage ZERO = new ApiUsage(0, 0, 0);

    /** The usage of a source, {@link #ZERO} where it calls no API. */
    public static ApiUsage of(Source source) {
        return source instanceof ApiMetered m ? m.apiUsage() : ZERO;
    }
}
