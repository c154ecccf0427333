package dev.landfall.serve;

import dev.landfall.core.model.KvErrorCodes;

/**
 * A Workers KV failure as Cloudflare reports it: the HTTP status and one {@code errors[]} item
 * (code and message). Every refusal of {@link KvService} is one, so each front end (the REST
 * routes, workerd's binding) renders it in its own shape without guessing.
 *
 * <p>The codes are {@link KvErrorCodes}, which says which are Cloudflare's and which the sandbox
 * chose; the sandbox answers the same ones, so one client handles both.
 */
public final class KvError extends RuntimeException {
    private static final long serialVersionUID = 1L;

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
        return new KvError(404, KvErrorCodes.KEY_NOT_FOUND, op + ": 'key not found'");
    }

    static KvError namespaceNotFound(String op) {
        return new KvError(404, KvErrorCodes.NAMESPACE_NOT_FOUND, op + ": 'namespace not found'");
    }

    /** The store could not be reached; the cause stays in the log, not in the answer. */
    static KvError storeUnreachable(String op) {
        return new KvError(
                503,
                KvErrorCodes.INTERNAL,
                op + ": the store is unreachable; retry later (values cached as fresh are still served)");
    }
}
