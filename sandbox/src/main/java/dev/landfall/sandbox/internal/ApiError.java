package dev.landfall.sandbox.internal;

import java.util.List;

/**
 * A Cloudflare-style failure: an HTTP status plus the {@code errors[]} of the envelope. Handlers
 * throw it; the dispatcher turns it into the answer.
 *
 * <p>Codes from cloudflare-api.md §1.4 are Cloudflare's (1000, 7000, 7003, 971, 10000, 10009,
 * 10013), and so are 10012 and 10033 (sources at the constants). Where Cloudflare's code is not
 * known, the sandbox picks one in the same range and says so at the constant (docs/sandbox.md
 * lists them); clients should branch on the status, not on these.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Invalid API token (Cloudflare's). */
    public static final int INVALID_TOKEN = 1000;
    /** Rate limited (Cloudflare's). */
    public static final int RATE_LIMITED = 971;
    /** No route for that URI (Cloudflare's). */
    public static final int NO_ROUTE = 7000;
    /** Could not route to the path (Cloudflare's). */
    public static final int COULD_NOT_ROUTE = 7003;
    /** Authentication error (Cloudflare's). */
    public static final int AUTHENTICATION = 10000;
    /** KV key not found (Cloudflare's). */
    public static final int KEY_NOT_FOUND = 10009;
    /** KV namespace not found (Cloudflare's). */
    public static final int NAMESPACE_NOT_FOUND = 10013;
    /** A namespace with that title exists (Cloudflare's, as reported by users). */
    public static final int NAMESPACE_TITLE_EXISTS = 10014;
    /** Worker script not found (Cloudflare's, as reported by users). */
    public static final int SCRIPT_NOT_FOUND = 10007;
    /** A bulk write or delete over 10,000 items (Cloudflare's, cloudflare/cloudflare-go#1324). */
    public static final int TOO_MANY_BULK_ITEMS = 10012;
    /** Invalid expiration or expiration_ttl (seen in wrangler captures). */
    public static final int INVALID_EXPIRATION = 10033;
    /** Sandbox choice: an invalid key name (empty, ".", "..", not UTF-8, too long). */
    public static final int INVALID_KEY = 10020;
    /** Sandbox choice: a value, metadata or request body over a size limit. */
    public static final int TOO_LARGE = 10011;
    /** Sandbox choice: invalid metadata. */
    public static final int INVALID_METADATA = 10021;
    /** Sandbox choice: an invalid query parameter (limit, cursor, page, order). */
    public static final int INVALID_PARAMETER = 10026;
    /** Sandbox choice: a body that is not the JSON the route expects. */
    public static final int INVALID_BODY = 10028;
    /** Sandbox choice: Durable Object namespace not found. */
    public static final int DO_NAMESPACE_NOT_FOUND = 10066;
    /** Sandbox choice: method not allowed on an existing path. */
    public static final int METHOD_NOT_ALLOWED = 10405;
    /** Sandbox choice: injected or unexpected server errors. */
    public static final int INTERNAL = 10001;

    /** No Authorization header at all (Cloudflare's; the SDK raises BadRequestError on it). */
    public static final int MISSING_CREDENTIALS = 9106;
    /** Invalid request headers; its {@code error_chain} says which (Cloudflare's). */
    public static final int INVALID_HEADERS = 6003;
    /** In an {@link #INVALID_HEADERS} chain: the Authorization header is not a bearer token of Cloudflare's shape. */
    public static final int INVALID_AUTHORIZATION_FORMAT = 6111;

    /**
     * One item of {@code errors[]}.
     *
     * @param chain Cloudflare's {@code error_chain}: the causes of this error, empty for most
     */
    public record Item(int code, String message, List<Item> chain) {
        public Item {
            chain = List.copyOf(chain);
        }

        public Item(int code, String message) {
            this(code, message, List.of());
        }
    }

    private final int status;
    private final List<Item> errors;

    public ApiError(int status, int code, String message) {
        this(status, List.of(new Item(code, message)));
    }

    public ApiError(int status, List<Item> errors) {
        super(errors.get(0).message(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<Item> errors() {
        return errors;
    }

    public static ApiError badRequest(int code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError noRoute(String path) {
        return new ApiError(
                404,
                List.of(
                        new Item(
                                COULD_NOT_ROUTE,
                                "Could not route to " + path + ", perhaps your object identifier is invalid?"),
                        new Item(NO_ROUTE, "No route for that URI")));
    }

    public static ApiError namespaceNotFound(String op) {
        return new ApiError(404, NAMESPACE_NOT_FOUND, op + ": 'namespace not found'");
    }

    public static ApiError keyNotFound(String op) {
        return new ApiError(404, KEY_NOT_FOUND, op + ": 'key not found'");
    }
}
