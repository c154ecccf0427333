package dev.landfall.serve;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A handler mounted beside the REST API (workerd's KV binding), picked by what a request carries
 * before any of serve's own routes, since such a request's path may be any key ({@code /healthz}
 * included). The server still refuses it while draining, checks the bearer token, counts it on
 * {@code /metrics} and sends the answer; the handler reads the request and says what to answer.
 *
 * @param name the route label on {@code /metrics}
 * @param matches whether a request is this route's; must be quick and must not read the body
 * @param handler answers every request that matches
 */
public record ServeRoute(String name, Predicate<ServeRequest> matches, Handler handler) {
    /** Answers one request of the route. */
    @FunctionalInterface
    public interface Handler {
        /** @throws IOException when the client goes away mid-body */
        Answer answer(ServeRequest request) throws IOException;
    }

    public ServeRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(handler, "handler");
    }

    /** Every request that carries the header {@code header}, whatever its path. */
    public static ServeRoute withHeader(String header, String name, Handler handler) {
        return withAnyHeader(List.of(header), name, handler);
    }

    /**
     * Every request that carries at least one of {@code headers}, whatever its path: a client's own
     * header beside the one a misconfigured client still sends, so that the handler can say what is
     * missing instead of serve's routes answering for a path they do not know.
     */
    public static ServeRoute withAnyHeader(List<String> headers, String name, Handler handler) {
        List<String> any = List.copyOf(headers);
        if (any.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one header to pick its requests by");
        }
        return new ServeRoute(
                name,
                r -> {
                    for (String h : any) {
                        if (r.header(h) != null) {
                            return true;
                        }
                    }
                    return false;
                },
                handler);
    }

    /** Every request whose raw path starts with {@code prefix} ({@code /NAME/}). */
    public static ServeRoute underPrefix(String prefix, String name, Handler handler) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
            throw new IllegalArgumentException("a route prefix is /NAME/, not '" + prefix + "'");
        }
        return new ServeRoute(name, r -> r.rawPath().startsWith(prefix), handler);
    }
}
