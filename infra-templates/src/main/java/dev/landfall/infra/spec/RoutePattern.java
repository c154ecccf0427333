package dev.landfall.infra.spec;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A Workers route pattern such as {@code api.example.com/*} or {@code *.example.com/v1/*}: a host
 * that may start with {@code *} and a path that may end with {@code *}, matched against a
 * request's host and path whatever its scheme and port (Cloudflare's route rules).
 *
 * @param text the pattern as written in the spec
 */
public record RoutePattern(String text) {
    public RoutePattern {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Whether a request to {@code url}, or to any path under it, may match this route: the host
     * matches and one of the two paths lies under the other. A dual run sends its requests below
     * its endpoint's base path, so a base above the route's path reaches the route too.
     */
    public boolean reaches(URI url) {
        String host = url.getHost();
        if (host == null || !hostMatches(host.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String base = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String route = pathPrefix();
        return base.startsWith(route) || route.startsWith(base);
    }

    private boolean hostMatches(String host) {
        String pattern = hostPart();
        return pattern.startsWith("*") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
    }

    private String withoutScheme() {
        String pattern = text.strip();
        int scheme = pattern.indexOf("://");
        return scheme < 0 ? pattern : pattern.substring(scheme + 3);
    }

    private String hostPart() {
        String pattern = withoutScheme();
        int slash = pattern.indexOf('/');
        String host = slash < 0 ? pattern : pattern.substring(0, slash);
        int port = host.indexOf(':');
        return (port < 0 ? host : host.substring(0, port)).toLowerCase(Locale.ROOT);
    }

    /** The path the route covers, without a trailing {@code *}; {@code /} when none is written. */
    private String pathPrefix() {
        String pattern = withoutScheme();
        int slash = pattern.indexOf('/');
        String path = slash < 0 ? "/" : pattern.substring(slash);
        return path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
    }
}
