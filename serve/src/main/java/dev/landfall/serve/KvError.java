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

    // The codes are core's KvErrorCodes, the sandbox's too; named here so serve reads KvError.X.
    public static final int INVALID_TOKEN = KvErrorCodes.INVALID_TOKEN;
    public static final int NO_ROUTE = KvErrorCodes.NO_ROUTE;
    public static final int COULD_NOT_ROUTE = KvErrorCodes.COULD_NOT_ROUTE;
    public static final int KEY_NOT_FOUND = KvErrorCodes.KEY_NOT_FOUND;
    public static final int NAMESPACE_NOT_FOUND = KvErrorCodes.NAMESPACE_NOT_FOUND;
    public static final int INVALID_EXPIRATION = KvErrorCodes.INVALID_EXPIRATION;
    public static final int INVALID_KEY = KvErrorCodes.INVALID_KEY;
    public static final int TOO_LARGE = KvErrorCodes.TOO_LARGE;
    public static final int INVALID_METADATA = KvErrorCodes.INVALID_METADATA;
    public static final int INVALID_PARAMETER = KvErrorCodes.INVALID_PARAMETER;
    public static final int INVALID_BODY = KvErrorCodes.INVALID_BODY;
    public static final int METHOD_NOT_ALLOWED = KvErrorCodes.METHOD_NOT_ALLOWED;
    public static final int INTERNAL = KvErrorCodes.INTERNAL;

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
