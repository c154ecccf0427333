package dev.landfall.core.status;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.text.VisibleText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the status pages listen, as {@code --status-addr} takes it: {@code HOST:PORT}, {@code
 * [IPv6]:PORT}, {@code :PORT} or {@code PORT}. Without a host the pages listen on {@code
 * 127.0.0.1}, so they stay on this machine unless the operator names another host; a host that is
 * not loopback (or {@code 0.0.0.0}) exposes the run's details to that network. Port {@code 0}
 * takes any free port; the server then reports the one it bound.
 *
 * @param host the host name or address to bind (IPv6 without brackets)
 * @param port 0 to 65535
 */
public record StatusAddress(String host, int port) {
    /** The host when the address names none. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final String FLAG = "--status-addr";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    private static final int NO_PORT = -1;

    public StatusAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
    }

    /**
     * Parses the value of {@code --status-addr}.
     *
     * @throws LandfallException a usage error naming the flag, the value and the forms it takes
     */
    public static StatusAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip();
        if (DIGITS.matcher(value).matches()) {
            return new StatusAddress(LOOPBACK, port(text, value));
        }
        if (value.startsWith(":") && DIGITS.matcher(value.substring(1)).matches()) {
            return new StatusAddress(LOOPBACK, port(text, value.substring(1)));
        }
        // HostPort reads brackets and ports the way every store address is read, but a store never
        // listens on port 0; here 0 means "any free port", so it is taken off before HostPort sees it.
        boolean anyPort = value.endsWith(":0");
        HostPort parsed = HostPort.parse(
                anyPort ? value.substring(0, value.length() - 2) : value,
                anyPort ? 0 : NO_PORT,
                // HostPort words its range for stores, which never take 0.
                what -> bad(text, what.replace("from 1 to 65535", "from 0 to 65535")));
        if (parsed.port() == NO_PORT) {
            throw bad(text, "names no port");
        }
        if (parsed.host().indexOf(':') >= 0 && !value.startsWith("[")) {
            throw bad(text, "has an IPv6 host without brackets");
        }
        return new StatusAddress(parsed.host(), parsed.port());
    }

    /** {@code host:port} as a URL writes it ({@code [::1]:9464}). */
    @Override
    public String toString() {
        return HostPort.inUrl(host) + ":" + port;
    }

    private static int port(String text, String digits) {
        int port = Integer.parseInt(digits);
        if (port > 65_535) {
            throw bad(text, "has port '" + digits + "', not a number from 0 to 65535");
        }
        return port;
    }

    static LandfallException bad(String text, String what) {
        return LandfallException.usage(
                FLAG + " '" + VisibleText.of(text) + "' " + what,
                "write HOST:PORT, [IPv6]:PORT, :PORT or PORT, e.g. " + FLAG + " 127.0.0.1:9464 (port 0 takes any"
                        + " free port; without a host the pages listen on " + LOOPBACK + " only)");
    }
}
