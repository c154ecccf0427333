package dev.landfall.serve;

/**
 * A Workers KV failure as Cloudflare reports it: the HTTP status and one {@code errors[]} item
 * (code and message). Every refusal of {@link KvService} is one, so each front end (the REST
 * routes, workerd's binding) renders it in its own shape without guessing.
 *
 * <p>Codes 10009, 10013, 7003, 10000 and 1000 are Cloudflare's (reference/cloudflare-api.md §1.4),
 * 10033 is the one wrangler captures show for a bad expiration; the others are the sandbox's
 * choices in the same range (docs/sandbox.md), kept identical so one client handles both. Clients
 * should branch on the status.
 */
public final class KvError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Invalid API token (Cloudflare's). */
    public static final int INVALID_TOKEN = 1000;
    /** No route for that URI (Cloudflare's). */
    public static final int NO_ROUTE = 7000;
    /** Could not route to the path (Cloudflare's). */
    public static final int COULD_NOT_ROUTE = 7003;
    /** KV key not found (Cloudflare's). */
    public static final int KEY_NOT_FOUND = 10009;
    /** KV namespace not found (Cloudflare's). */
    public static final int NAMESPACE_NOT_FOUND = 10013;
    /** Invalid expiration or expiration_ttl (seen in wrangler captures). */
    public static final int INVALID_EXPIRATION = 10033;
    /** Sandbox's choice: an invalid key name (empty, ".", "..", not UTF-8, too long). */
    public static final int INVALID_KEY = 10020;
    /** Sandbox's choice: a value, metadata or request body over a size limit. */
    public static final int TOO_LARGE = 10011;
    /** Sandbox's choice: invalid metadata. */
    public static final int INVALID_METADATA = 10021;
    /** Sandbox's choice: an invalid query parameter (limit, cursor) or percent-encoding. */
    public static final int INVALID_PARAMETER = 10026;
    /** Sandbox's choice: a body that is not what the route expects. */
    public static final int INVALID_BODY = 10028;
    /** Sandbox's choice: method not allowed on an existing path. */
    public static final int METHOD_NOT_ALLOWED = 10405;
    /** Sandbox's choice for server errors; serve also answers it, with 503, when the store is unreachable. */
    public static final int INTERNAL = 10001;

    private final int status;
    private final int code;

    public KvError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status: 400, 404, 413, 414, 503. */
    public int status() {
        return status;
    }

    /** Cloudflare's error code. */
    public int code() {
        return code;
    }

    public static KvError badRequest(int code, String message) {
        return new KvError(400, code, message);
    }

    static KvError keyNotFound(String op) {
        return new KvError(404, KEY_NOT_FOUND, op + ": 'key not found'");
    }

    static KvError namespaceNotFound(String op) {
        return new KvError(404, NAMESPACE_NOT_FOUND, op + ": 'namespace not found'");
    }

    /** The store could not be reached; the cause stays in the log, not in the answer. */
    static KvError storeUnreachable(String op) {
        return new KvError(
                503,
                INTERNAL,
                op + ": the store is unreachable; retry later (values cached as fresh are still served)");
    }
}
