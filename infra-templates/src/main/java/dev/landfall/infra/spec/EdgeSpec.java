package dev.landfall.infra.spec;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The edge split: a small Worker on the old service's routes that sends a sticky share of
 * requests to the new backend, the share read from a KV key the cutover sets.
 *
 * @param worker the old Worker's script name, bound to the split Worker as the service {@code OLD}
 * @param dialNamespace the id of the KV namespace holding the dial key
 * @param sticky what keeps a client on one side: {@code header:NAME}, {@code query:NAME}, {@code
 *     cookie:NAME} or {@code ip}
 * @param shadow percent of the requests kept on the old side that are also mirrored to the new
 *     backend, answers dropped
 * @param routes the route patterns the split Worker takes over from the old one, if given
 * @param zone the zone the routes belong to; given exactly when routes are
 * @param writes which requests are writes once the dial turns the read split on
 */
public record EdgeSpec(
        String worker,
        String dialNamespace,
        String sticky,
        int shadow,
        List<String> routes,
        Optional<String> zone,
        WriteRules writes) {
    /** Used when the spec names none: API keys travel in the Authorization header. */
    public static final String DEFAULT_STICKY = "header:authorization";

    public EdgeSpec {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(dialNamespace, "dialNamespace");
        Objects.requireNonNull(sticky, "sticky");
        routes = List.copyOf(routes);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(writes, "writes");
    }

    /**
     * The index of the first route the split takes over that a request to {@code url} (or below
     * it) may match: such an address is no baseline, since the dial moves it to the new backend.
     */
    public OptionalInt routeReaching(URI url) {
        for (int i = 0; i < routes.size(); i++) {
            if (new RoutePattern(routes.get(i)).reaches(url)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
