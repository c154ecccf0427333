package dev.landfall.serve;

import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.status.ServeMetrics;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, for a request it cannot read far enough to hand to serve (a request
 * line or header it refuses): Cloudflare's JSON envelope, as every other answer of serve, instead
 * of Jetty's HTML page. Counted on {@code /metrics} as route {@code unmatched}.
 */
final class EnvelopeErrorHandler extends ErrorHandler {
    private final ServeMetrics metrics;

    EnvelopeErrorHandler(ServeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
            status = e.getCode();
            reason = reason == null ? e.getReason() : reason;
        }
        if (status < 400) {
            status = 500;
        }
        Answer answer = envelope(status, reason);
        metrics.request("unmatched", status, 0);
        ServeHandler.send(response, answer, callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Answer answer = envelope(status, reason);
        metrics.request("unmatched", status, 0);
        fields.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        return ByteBuffer.wrap(answer.body());
    }

    private static Answer envelope(int status, String reason) {
        String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        if (status >= 500) {
            return CfEnvelope.error(
                    new KvError(status, KvErrorCodes.INTERNAL, "landfall serve could not answer: " + why));
        }
        return CfEnvelope.error(new KvError(
                status,
                KvErrorCodes.COULD_NOT_ROUTE,
                "The request line or headers could not be read (" + why + "): percent-encode the key in the"
                        + " path; a % not followed by two hex digits is refused, write % as %25."));
    }
}
