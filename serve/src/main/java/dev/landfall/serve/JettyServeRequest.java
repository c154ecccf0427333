package dev.landfall.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** A {@link ServeRequest} over Jetty's request. */
final class JettyServeRequest implements ServeRequest {
    private final Request request;
    private InputStream body;

    JettyServeRequest(Request request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    @Override
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /**
     * The body, opened on its first read: routes are handed it whether they read it or not, and
     * opening Jetty's stream (a lock, a condition) for every GET showed in allocation profiles.
     */
    @Override
    public InputStream body() {
        if (body == null) {
            body = new InputStream() {
                private InputStream opened;

                private InputStream opened() {
                    if (opened == null) {
                        opened = Content.Source.asInputStream(request);
                    }
                    return opened;
                }

                @Override
                public int read() throws IOException {
                    return opened().read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return opened().read(b, off, len);
                }

                @Override
                public int available() throws IOException {
                    return opened == null ? 0 : opened.available();
                }

                @Override
                public void close() throws IOException {
                    if (opened != null) {
                        opened.close();
                    }
                }
            };
        }
        return body;
    }

    /**
     * Whether the request has no body by its headers: an HTTP/1.1 request with neither
     * Content-Length nor Transfer-Encoding has none.
     */
    boolean hasNoBody() {
        long length = request.getLength();
        return length == 0 || (length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /**
     * Reads and drops what the route left unread of the body, at most {@code max} bytes, so the
     * connection can carry the client's next request (a refusal often answers before reading).
     *
     * @return false when more is left: the connection must close after the answer
     */
    boolean skipRest(long max) throws IOException {
        // Most requests have no body, or the route read all of it: check before allocating.
        if (hasNoBody() || body().read() < 0) {
            return true;
        }
        byte[] sink = new byte[8192];
        long left = max - 1;
        int n;
        while ((n = body().read(sink)) >= 0) {
            left -= n;
            if (left < 0) {
                return false;
            }
        }
        return true;
    }
}
