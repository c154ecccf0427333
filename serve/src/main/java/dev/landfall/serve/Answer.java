package dev.landfall.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP answer: status, content type, extra headers and the body. The body array is owned.
 *
 * @param headers extra headers (not Content-Type)
 */
record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    static Answer json(int status, byte[] body) {
        return new Answer(status, JSON, Map.of(), body);
    }

    static Answer text(int status, String body) {
        return new Answer(status, TEXT, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
