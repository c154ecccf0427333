package dev.landfall.serve;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Where {@code landfall serve} listens: {@code HOST:PORT}, port 0 for any free port.
 *
 * @param host the host name or address (IPv6 without brackets)
 * @param port 0..65535
 */
public record ListenAddress(String host, int port) {
    public static final String DEFAULT = "127.0.0.1:8787";

    /**
     * Parses {@code --listen}.
     *
     * @throws LandfallException a usage error naming {@code --listen} and the fix
     */
    public static ListenAddress parse(String text) {
        // HostPort wants 1..65535; port 0 (any free port) is ours to allow, so parse with a stand-in.
        boolean anyPort = text.endsWith(":0");
        HostPort hp = HostPort.parse(
                anyPort ? text.substring(0, text.length() - 1) + "1" : text, -1, what -> bad(text, what));
        if (hp.port() < 0) {
            throw bad(text, "names no port");
        }
        return new ListenAddress(hp.host(), anyPort ? 0 : hp.port());
    }

    /** The socket address, resolved. */
    public InetSocketAddress resolve() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(toString(), "names host '" + host + "', which does not resolve");
        }
    }

    /**
     * Checks that the address can be bound now, by binding and releasing it, so {@code landfall
     * serve} refuses a port in use before it opens (and maybe creates) the store. Port 0 always can.
     *
     * @throws LandfallException a usage error naming {@code --listen}
     */
    public ListenAddress checkBindable() {
        if (port == 0) {
            return this;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(resolve());
        } catch (IOException e) {
            throw LandfallException.usage(
                    "--listen " + this + " cannot be listened on: " + e.getMessage(),
                    "choose a free port on an address of this machine (--listen 127.0.0.1:0 picks one)");
        }
        return this;
    }

    /** Whether only this machine can reach the address (a loopback address, not a wildcard). */
    public boolean loopback() {
        return resolve().getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return new HostPort(host, port).toString();
    }

    private static LandfallException bad(String text, String what) {
        return LandfallException.usage(
                "--listen " + text + " " + what,
                "give HOST:PORT, e.g. --listen " + DEFAULT + " (port 0 picks a free port)");
    }
}
