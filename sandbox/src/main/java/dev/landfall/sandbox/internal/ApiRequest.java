package dev.landfall.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * One API request after routing.
 *
 * @param method the HTTP method
 * @param path the request path, without {@code /client/v4}
 * @param rawParams the path parameters as matched, still percent-encoded
 * @param queryParams the decoded query: the first value of each name
 * @param headers the request headers
 * @param bodyStream the body, unread; {@link #body(long, String)} reads it within a limit
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> rawParams,
        Map<String, String> queryParams,
        HttpFields headers,
        InputStream bodyStream) {

    /** A request whose query is still the raw text after {@code ?} (or null for none). */
    public static ApiRequest of(
            String method,
            String path,
            Map<String, String> rawParams,
            String rawQuery,
            HttpFields headers,
            InputStream bodyStream) {
        return new ApiRequest(method, path, rawParams, parseQuery(rawQuery), headers, bodyStream);
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
        return Optional.ofNullable(queryParams.get(name));
    }

    /** A request header, if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * Reads the whole body, refusing more than {@code limit} bytes with a 413.
     *
     * @throws IOException when the client goes away mid-body
     */
    public byte[] body(long limit, String what) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, limit + 1);
        byte[] bytes = bodyStream.readNBytes(cap);
        if (bytes.length > limit) {
            // Read the rest so the client finishes sending and sees the 413 rather than a reset.
            byte[] sink = new byte[64 * 1024];
            long budget = 1L << 30;
            int n;
            while (budget > 0 && (n = bodyStream.read(sink)) > 0) {
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
