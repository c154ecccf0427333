package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.corpus.CorpusRequest;
import dev.landfall.verify.latency.parity.Answer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One endpoint under test, reached with OkHttp over keep-alive connections. Each call is blocking
 * and made from a sender thread, so {@code connections} threads use at most that many
 * connections. No retries and no redirects: every request sent is one measured exchange. The body
 * is read whole (it is part of the latency); its first {@link #BODY_CAP} bytes are kept for the
 * parity comparison and all of it is hashed. Thread-safe.
 */
public final class HttpEndpoint implements Closeable {
    /** Bodies above this compare by SHA-256 only. */
    static final int BODY_CAP = 1 << 20;

    private static final java.util.Set<String> NEEDS_BODY = java.util.Set.of("POST", "PUT", "PATCH");

    private final String base;
    private final OkHttpClient http;

    public HttpEndpoint(URI baseUrl, int connections, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String s = baseUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(connections);
        dispatcher.setMaxRequestsPerHost(connections);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES))
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @throws IOException when no answer came (refused, reset, timed out)
     */
    public Answer send(CorpusRequest request) throws IOException {
        Request.Builder b = new Request.Builder().url(base + request.path());
        for (CorpusRequest.Header h : request.headers()) {
            b.addHeader(h.name(), h.value());
        }
        RequestBody body = request.body().length > 0 || NEEDS_BODY.contains(request.method())
                ? RequestBody.create(request.body(), null)
                : null;
        b.method(request.method(), body);
        try (Response r = http.newCall(b.build()).execute()) {
            return read(r);
        }
    }

    private static Answer read(Response r) throws IOException {
        MessageDigest sha = sha256();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        boolean complete = true;
        ResponseBody body = r.body();
        try (InputStream in = body.byteStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                int room = BODY_CAP - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, Math.min(room, n));
                }
                if (n > room) {
                    complete = false;
                }
            }
        }
        String type = r.header("Content-Type");
        return new Answer(r.code(), type == null ? "" : type, kept.toByteArray(), complete, sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
