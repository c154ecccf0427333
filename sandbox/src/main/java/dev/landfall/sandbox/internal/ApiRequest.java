package dev.landfall.sandbox.internal;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One API request after routing: path parameters (raw), decoded query, headers and the body stream. */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, String> rawParams;
    private final Map<String, String> query;
    private final Headers headers;
    private final InputStream body;

    public ApiRequest(
            String method,
            String path,
            Map<String, String> rawParams,
            String rawQuery,
            Headers headers,
            InputStream body) {
        this.method = method;
        this.path = path;
        this.rawParams = rawParams;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The request path, without {@code /client/v4}. */
    public String path() {
        return path;
    }

    /** A path parameter as strict UTF-8 text. */
    public String param(String name) {
        return PercentCoding.utf8(paramBytes(name), name.replace('_', ' '));
    }

    /** A path parameter percent-decoded to bytes. */
    public byte[] paramBytes(String name) {
        String raw = Objects.requireNonNull(rawParams.get(name), name);
        return PercentCoding.decodeSegment(raw);
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** A request header, if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /**
     * Reads the whole body, refusing more than {@code limit} bytes with a 413.
     *
     * @throws IOException when the client goes away mid-body
     */
    public byte[] body(long limit, String what) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, limit + 1);
        byte[] bytes = body.readNBytes(cap);
        if (bytes.length > limit) {
            // Read the rest so the client finishes sending and sees the 413 rather than a reset.
            // Not skip(): the JDK server's body stream delegates skip() to the raw socket.
            byte[] sink = new byte[64 * 1024];
            long budget = 1L << 30;
            int n;
            while (budget > 0 && (n = body.read(sink)) > 0) {
                budget -= n;
            }
            throw new ApiError(413, ApiError.TOO_LARGE, what + " exceeds the limit of " + limit + " bytes.");
        }
        return bytes;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : List.of(raw.split("&"))) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = PercentCoding.decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : PercentCoding.decodeQuery(pair.substring(eq + 1));
            q.putIfAbsent(k, v);
        }
        return q;
    }
}
