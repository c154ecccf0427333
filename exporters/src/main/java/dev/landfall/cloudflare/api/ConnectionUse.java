package dev.landfall.cloudflare.api;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Which connection one call ran on, and whether an answer came: enough to tell a request that met
 * a pooled connection the server had already closed. Servers close keep-alive connections idle
 * longer than their own timeout (Jetty 30 s, load balancers 60 s, Node 5 s), shorter than the
 * pool's; OkHttp sends a GET on such a connection without probing it and reads the end of the
 * stream. One per call, written on OkHttp's threads, read after the call by the one that ran it.
 */
final class ConnectionUse extends EventListener {
    private volatile boolean acquired;
    private volatile boolean connected;
    private volatile boolean answered;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        acquired = true;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        answered = true;
    }

    /** Whether the call ran on a connection from the pool (none of its own) and no answer came. */
    boolean reusedWithoutAnswer() {
        return acquired && !connected && !answered;
    }
}
