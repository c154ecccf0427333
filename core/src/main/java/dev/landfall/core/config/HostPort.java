package dev.landfall.core.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code HOST[:PORT]} of a store URI, after any user info: an IPv6 address is written in
 * brackets ({@code [::1]:5432}), and the port, when given, is a number from 1 to 65535. One parser,
 * so every store reads an address, and words what is wrong with it, the same way.
 *
 * @param host the host name or address (IPv6 without brackets)
 * @param port the TCP port
 */
public record HostPort(String host, int port) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    public HostPort {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code HOST[:PORT]}.
     *
     * @param text the address, user info and path already cut off
     * @param defaultPort the port when {@code text} names none
     * @param bad makes the error from what is wrong, worded to follow the URI (e.g. {@code
     *     "names no host"})
     * @throws RuntimeException from {@code bad}
     */
    public static HostPort parse(String text, int defaultPort, Function<String, ? extends RuntimeException> bad) {
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad.apply("has an IPv6 host without its closing ']'");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad.apply("has '" + after + "' after the host");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad.apply("names no host");
        }
        if (portText == null) {
            return new HostPort(host, defaultPort);
        }
        int port = DIGITS.matcher(portText).matches() ? Integer.parseInt(portText) : 0;
        if (port < 1 || port > 65_535) {
            throw bad.apply("has port '" + portText + "', not a number from 1 to 65535");
        }
        return new HostPort(host, port);
    }

    /** {@code host:port} as a URL writes it, for messages ("is the server running at …?"). */
    @Override
    public String toString() {
        return inUrl(host) + ":" + port;
    }

    /** The host as a URL writes it: an IPv6 address in brackets. */
    public static String inUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
