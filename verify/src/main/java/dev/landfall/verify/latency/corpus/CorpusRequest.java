package dev.landfall.verify.latency.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One request of the corpus, sent alike to both endpoints.
 *
 * @param method the HTTP method, upper case
 * @param path the path and query, starting with {@code /}; appended to each endpoint's base URL
 * @param headers header name and value pairs, in order (names may repeat)
 * @param body the body, owned and never changed; empty for none
 */
public record CorpusRequest(String method, String path, List<Header> headers, byte[] body) {
    /** One request header. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public CorpusRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A request without headers or body. */
    public static CorpusRequest of(String method, String path) {
        return new CorpusRequest(method, path, List.of(), new byte[0]);
    }

    /** {@code GET /path}, for reports. */
    public String describe() {
        return method + " " + path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorpusRequest r
                && method.equals(r.method)
                && path.equals(r.path)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return describe() + (body.length == 0 ? "" : " " + new String(body, StandardCharsets.UTF_8));
    }
}
