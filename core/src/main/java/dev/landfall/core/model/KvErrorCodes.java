package dev.landfall.core.model;

/**
 * The codes in {@code errors[]} of Cloudflare's envelope that the sandbox and {@code landfall
 * serve} answer Workers KV requests with, kept in one place so one client handles both.
 *
 * <p>1000, 7000, 7003, 10000, 10009, 10012 and 10013 are Cloudflare's (reference/cloudflare-api.md
 * §1.4; 10012 from cloudflare/cloudflare-go#1324), 10033 the one wrangler captures show for a bad
 * expiration. Where Cloudflare's code is not known, the sandbox chose one in the same range
 * (docs/sandbox.md lists them) and serve answers the same; clients should branch on the status.
 */
public final class KvErrorCodes {
    /** Invalid API token (Cloudflare's). */
    public static final int INVALID_TOKEN = 1000;
    /** No route for that URI (Cloudflare's). */
    public static final int NO_ROUTE = 7000;
    /** Could not route to the path (Cloudflare's). */
    public static final int COULD_NOT_ROUTE = 7003;
    /** Authentication error: no token (Cloudflare's). */
    public static final int AUTHENTICATION = 10000;
    /** KV key not found (Cloudflare's). */
    public static final int KEY_NOT_FOUND = 10009;
    /** A bulk write or delete of more than 10,000 items (Cloudflare's). */
    public static final int TOO_MANY_BULK_ITEMS = 10012;
    /** KV namespace not found (Cloudflare's). */
    public static final int NAMESPACE_NOT_FOUND = 10013;
    /** Invalid expiration or expiration_ttl (seen in wrangler captures). */
    public static final int INVALID_EXPIRATION = 10033;
    /** The sandbox's choice: an invalid key name (empty, ".", "..", not UTF-8, too long). */
    public static final int INVALID_KEY = 10020;
    /** The sandbox's choice: a value, metadata or request body over a size limit. */
    public static final int TOO_LARGE = 10011;
    /** The sandbox's choice: invalid metadata. */
    public static final int INVALID_METADATA = 10021;
    /** The sandbox's choice: an invalid query parameter (limit, cursor, page) or percent-encoding. */
    public static final int INVALID_PARAMETER = 10026;
    /** The sandbox's choice: a body that is not what the route expects. */
    public static final int INVALID_BODY = 10028;
    /** The sandbox's choice: a method the path does not take. */
    public static final int METHOD_NOT_ALLOWED = 10405;
    /** The sandbox's choice for server errors; serve answers it with 503 when the store is unreachable. */
    public static final int INTERNAL = 10001;

    private KvErrorCodes() {}
}
