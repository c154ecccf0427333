package dev.landfall.sandbox.internal;

import dev.landfall.core.model.KvErrorCodes;
import java.util.List;

/**
 * A Cloudflare-style failure: an HTTP status plus the {@code errors[]} of the envelope. Handlers
 * throw it; the dispatcher turns it into the answer.
 *
 * <p>The Workers KV codes, which serve answers too, are core's {@link KvErrorCodes}; the codes
 * here are the sandbox's own (rate limits, Durable Objects, auth headers), each saying whether it
 * is Cloudflare's or the sandbox's choice (docs/sandbox.md lists them). Clients should branch on
 * the status, not on these.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Rate limited (Cloudflare's). */
    public static final int RATE_LIMITED = 971;
    /** A namespace with that title exists (Cloudflare's, as reported by users). */
    public static final int NAMESPACE_TITLE_EXISTS = 10014;
    /** Worker script not found (Cloudflare's, as reported by users). */
    public static final int SCRIPT_NOT_FOUND = 10007;
    /** Sandbox choice: Durable Object namespace not found. */
    public static final int DO_NAMESPACE_NOT_FOUND = 10066;

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
                                KvErrorCodes.COULD_NOT_ROUTE,
                                "Could not route to " + path + ", perhaps your object identifier is invalid?"),
                        new Item(KvErrorCodes.NO_ROUTE, "No route for that URI")));
    }

    public static ApiError namespaceNotFound(String op) {
        return new ApiError(404, KvErrorCodes.NAMESPACE_NOT_FOUND, op + ": 'namespace not found'");
    }

    public static ApiError keyNotFound(String op) {
        return new ApiError(404, KvErrorCodes.KEY_NOT_FOUND, op + ": 'key not found'");
    }
}
