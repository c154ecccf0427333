package dev.landfall.sandbox.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One answer: status, headers and body bytes, or {@link #RESET} (drop the connection without an
 * answer). The body array is owned and never changed.
 */
public final class ApiResponse {
    /** Close the connection without answering. */
    public static final ApiResponse RESET = new ApiResponse(0, Map.of(), new byte[0]);

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private ApiResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = Objects.requireNonNull(body, "body");
    }

    public static ApiResponse json(int status, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return new ApiResponse(status, h, body);
    }

    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        return new ApiResponse(status, h, body);
    }

    /** Adds a header (this answer's headers are mutable until sent). */
    public ApiResponse header(String name, String value) {
        if (this == RESET) {
            return this;
        }
        headers.put(name, value);
        return this;
    }

    public boolean reset() {
        return this == RESET;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /**
     * Writes this answer whole, with a {@code Content-Length} (never chunked, as the JDK server
     * the sandbox started on answered), completing {@code callback} when written.
     *
     * @throws IllegalStateException for {@link #RESET}, which is not an answer
     */
    public void send(Response response, Callback callback) {
        if (reset()) {
            throw new IllegalStateException("a reset is not sent: drop the connection");
        }
        response.setStatus(status);
        headers.forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
