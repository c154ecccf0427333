package dev.landfall.sandbox;

import java.util.Map;

/**
 * What a {@link SandboxServer} has served so far, as {@code GET /__sandbox/stats} reports it. The
 * stats route itself is not counted.
 *
 * @param totalRequests every API request, answered or not
 * @param requestsByRoute requests by {@code "METHOD /path/{template}"}, {@code "unmatched"} for
 *     paths no route knows; sorted by key
 * @param responsesByStatus answers by HTTP status; a reset counts as status 0
 * @param rateLimited 429s served because a token spent its budget (including lockout)
 * @param injected429 429s served as injected faults
 * @param faults faults served by kind ({@code 429}, {@code 500}, {@code 502}, {@code 503}, {@code
 *     reset}, {@code slow}), every kind present
 */
public record SandboxStats(
        long totalRequests,
        Map<String, Long> requestsByRoute,
        Map<Integer, Long> responsesByStatus,
        long rateLimited,
        long injected429,
        Map<String, Long> faults) {
    public SandboxStats {
        requestsByRoute = Map.copyOf(requestsByRoute);
        responsesByStatus = Map.copyOf(responsesByStatus);
        faults = Map.copyOf(faults);
    }

    /** Requests to one route, such as {@code requests("GET", "/user/tokens/verify")}. */
    public long requests(String method, String pathTemplate) {
        return requestsByRoute.getOrDefault(method + " " + pathTemplate, 0L);
    }

    /** Faults of one kind served so far. */
    public long faults(String kind) {
        return faults.getOrDefault(kind, 0L);
    }
}
