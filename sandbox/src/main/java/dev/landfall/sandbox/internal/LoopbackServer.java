package dev.landfall.sandbox.internal;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The sandbox's HTTP/1.1 server: Jetty on 127.0.0.1, handing every request that parses to the
 * handlers in order (each takes the paths it owns), and answering what Jetty itself refuses with
 * Cloudflare's JSON envelope ({@link CloudflareErrorHandler}).
 *
 * <p>URI compliance is {@link UriCompliance#UNSAFE}: raw {@code |}, {@code ^}, {@code [},
 * {@code ]}, {@code %2F}, {@code //} and dot segments all reach the handlers, which match and
 * percent-decode the raw path themselves (see {@link Router}), so no path is ever resolved or
 * normalised by Jetty and nothing the strict modes guard against can happen here. A {@code %}
 * that does not begin two hex digits Jetty refuses in every mode, before any handler runs.
 *
 * <p>Threads are daemons, so a sandbox left open never keeps a JVM alive. {@link #close()} stops
 * at once: it drops open connections and interrupts handlers still running (a latency sleep).
 */
public final class LoopbackServer implements AutoCloseable {
    private static final int HANDLER_THREADS = 16;
    // Above the 16 handler threads, for Jetty's own acceptor and selector.
    private static final int JETTY_THREADS = 8;
    private static final int ACCEPT_QUEUE = 64;
    // Long percent-encoded keys: the JDK server had no limit, Jetty's default is 8 KiB.
    private static final int REQUEST_HEADER_BYTES = 64 * 1024;
    // Idle threads leave at once; this only bounds the wait for a busy one before it is interrupted.
    private static final long STOP_MILLIS = 200;

    private final Server server;
    private final int port;

    private LoopbackServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Binds {@code port} on 127.0.0.1 (0 for a free one) and starts serving.
     *
     * @throws LandfallException a usage error when the port is in use or cannot be bound
     */
    public static LoopbackServer start(int port, List<Handler> handlers) {
        QueuedThreadPool threads = new QueuedThreadPool(HANDLER_THREADS + JETTY_THREADS, 2);
        threads.setName("landfall-sandbox");
        threads.setDaemon(true);
        threads.setStopTimeout(STOP_MILLIS);
        Server server = new Server(threads, new ScheduledExecutorScheduler("landfall-sandbox-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(handlers));
        server.setErrorHandler(new CloudflareErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw startFailure(port, e);
        }
        // Read once: a stopped connector reports -1, and the sandbox's URLs name the port after close too.
        return new LoopbackServer(server, connector.getLocalPort());
    }

    private static RuntimeException startFailure(int port, Exception e) {
        String hint = "choose another --port, or --port 0 for a free one";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return LandfallException.usage("port " + port + " is in use on 127.0.0.1", hint, e);
            }
        }
        if (e instanceof IOException) {
            return LandfallException.usage("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), hint, e);
        }
        return new IllegalStateException("the sandbox's HTTP server did not start: " + e, e);
    }

    /** The bound port, also after {@link #close()}. */
    public int port() {
        return port;
    }

    /** Stops serving and drops open connections. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: what is left are daemon threads and closed sockets.
        }
    }
}
