package dev.landfall.verify.latency.load;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an endpoint is: host, port, TLS or not, and the base path that request paths go under.
 *
 * @param hostHeader the Host header: the host, with the port when it is not the scheme's default
 * @param basePath the URL's path without a trailing slash ({@code ""} for the root), as written
 */
record EndpointAddress(String host, int port, boolean tls, String hostHeader, String basePath) {
    EndpointAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostHeader, "hostHeader");
        Objects.requireNonNull(basePath, "basePath");
    }

    static EndpointAddress of(URI url) {
        boolean tls = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = url.getPort() < 0 ? defaultPort : url.getPort();
        String host = url.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new EndpointAddress(bare, port, tls, port == defaultPort ? host : host + ":" + port, path);
    }
}
