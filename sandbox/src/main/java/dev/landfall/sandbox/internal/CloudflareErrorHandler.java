package dev.landfall.sandbox.internal;

import dev.landfall.core.model.KvErrorCodes;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, written as Cloudflare's JSON envelope rather than Jetty's HTML page,
 * for every method and whatever the request accepts: clients of the API parse the envelope of any
 * answer. Jetty's refusals of a request it cannot parse (a path whose {@code %} escapes do not
 * decode, a malformed request line or header; 400, or 505 for an unknown HTTP version) keep their
 * status and get Cloudflare's code for a path it cannot route, 7003
 * (shared/reference/cloudflare-api.md §1.4); a 500, an exception out of a handler, is the
 * sandbox's internal-error code.
 *
 * <p>Every such answer says {@code Connection: close}: Jetty closes the connection after a request
 * it could not parse, and without the header a client that pools connections (the official SDK)
 * sends its next request down the closed one.
 */
final class CloudflareErrorHandler extends ErrorHandler {
    CloudflareErrorHandler() {
        // The sandbox's own answers carry no Cache-Control; Jetty's error pages would.
        setCacheControl(null);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        envelope(code, reason(message, cause)).send(response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ApiResponse r = envelope(status, reason);
        r.headers().forEach(fields::put);
        return ByteBuffer.wrap(r.body());
    }

    /**
     * Jetty's reason, or what to fix when its URI parser failed: Jetty then says only "Bad
     * Request", with the parser's exception as the cause.
     */
    private static String reason(String message, Throwable cause) {
        if (cause instanceof HttpException && cause.getCause() instanceof IllegalArgumentException) {
            return "the request's path does not decode: each '%' must begin an escape of two hex digits"
                    + " (send a literal '%' as %25)";
        }
        return message;
    }

    // visible for testing
    static ApiResponse envelope(int status, String reason) {
        String why = reason == null || reason.isBlank() ? "status " + status : reason;
        ApiError error = status == 500
                ? new ApiError(status, KvErrorCodes.INTERNAL, "Internal sandbox error (a bug): " + why)
                : new ApiError(status, KvErrorCodes.COULD_NOT_ROUTE, "Could not route the request: " + why);
        return Envelope.error(error).header("Connection", "close");
    }
}
