package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.parity.Answer;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One endpoint under test. Each calling thread gets its own keep-alive {@link Http1Connection},
 * so {@code connections} sender threads hold that many connections and never wait on each other.
 * The body is read whole (it is part of the latency); its first {@link #BODY_CAP} bytes are kept
 * for the parity comparison and all of it is hashed. Thread-safe.
 */
public final class HttpEndpoint implements Closeable {
    /** Bodies above this compare by SHA-256 only. */
    static final int BODY_CAP = 1 << 20;

    private final EndpointAddress address;
    private final int timeoutMillis;
    private final List<Http1Connection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Http1Connection> perThread;

    public HttpEndpoint(URI baseUrl, Duration timeout) {
        this.address = EndpointAddress.of(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.perThread = ThreadLocal.withInitial(() -> {
            Http1Connection c = new Http1Connection(address, timeoutMillis);
            connections.add(c);
            return c;
        });
    }

    /**
     * Sends one request over the calling thread's connection and reads the whole answer.
     *
     * @throws IOException when no answer came (refused, reset, timed out, malformed)
     */
    public Answer send(CorpusRequest request) throws IOException {
        return perThread.get().exchange(request);
    }

    @Override
    public void close() {
        for (Http1Connection c : connections) {
            c.close();
        }
    }
}
