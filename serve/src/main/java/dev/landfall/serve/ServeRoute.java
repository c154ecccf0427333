package dev.landfall.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A handler mounted beside the REST API (workerd's KV binding), picked by what a request carries
 * before any of serve's own routes, since such a request's path may be any key ({@code /healthz}
 * included). The server still refuses it while draining, checks the bearer token, counts it on
 * {@code /metrics} and closes the exchange; the handler reads the request and sends the answer.
 *
 * @param name the route label on {@code /metrics}
 * @param matches whether a request is this route's; must be quick and must not read the body
 * @param handler answers every request that matches
 */
public record ServeRoute(String name, Predicate<HttpExchange> matches, HttpHandler handler) {
    public ServeRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(handler, "handler");
    }

    /** Every request that carries the header {@code header}, whatever its path. */
    public static ServeRoute withHeader(String header, String name, HttpHandler handler) {
        return new ServeRoute(name, ex -> ex.getRequestHeaders().containsKey(header), handler);
    }

    /** Every request whose raw path starts with {@code prefix} ({@code /NAME/}). */
    public static ServeRoute underPrefix(String prefix, String name, HttpHandler handler) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
            throw new IllegalArgumentException("a route prefix is /NAME/, not '" + prefix + "'");
        }
        return new ServeRoute(name, ex -> ex.getRequestURI().getRawPath().startsWith(prefix), handler);
    }
}
