package dev.landfall.serve;

import com.sun.net.httpserver.HttpHandler;
import java.util.Objects;

/**
 * A handler mounted beside the REST API at a path prefix (workerd's KV binding at {@code
 * /workerd/}). The server checks the bearer token, counts the request and closes the exchange; the
 * handler reads the request and sends the answer.
 *
 * @param prefix the path prefix, starting and ending with {@code /}
 * @param name the route label on {@code /metrics}
 * @param handler answers every request under the prefix
 */
public record ServeRoute(String prefix, String name, HttpHandler handler) {
    public ServeRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
            throw new IllegalArgumentException("a route prefix is /NAME/, not '" + prefix + "'");
        }
    }
}
