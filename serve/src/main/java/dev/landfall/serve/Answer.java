package dev.landfall.serve;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer: status, content type, extra headers and the body. The body array is owned.
 *
 * @param contentType the Content-Type, or null for none (an empty body)
 * @param headers extra headers (not Content-Type); a value is sent as ISO-8859-1 characters
 */
public record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    private static final byte[] NOTHING = new byte[0];

    public static Answer json(int status, byte[] body) {
        return new Answer(status, JSON, Map.of(), body);
    }

    public static Answer text(int status, String body) {
        return new Answer(status, TEXT, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A status with no body and no Content-Type. */
    public static Answer empty(int status) {
        return new Answer(status, null, Map.of(), NOTHING);
    }

    /** This answer with one more header. */
    Answer with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, more, body);
    }
}
